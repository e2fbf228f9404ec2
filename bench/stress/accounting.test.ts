import { describe, expect, it } from 'vitest';
import { account, broken } from './accounting.js';
import type { ReceiveLog, SendRecord } from './ipc.js';
import type { StoredRow } from './stored.js';

/** Visitor messages v1..v3 and agent message a1 in conversation c, stored as seq 1..4. */
const SENDS: SendRecord[] = [
  ['v1', 'c', 'visitor', 1, ''],
  ['v2', 'c', 'visitor', 2, ''],
  ['a1', 'c', 'agent', 3, ''],
  ['v3', 'c', 'visitor', 4, ''],
];
const STORED: StoredRow[] = SENDS.map(([clientMsgId, conversationId, , seq]) => ({ clientMsgId, conversationId, seq }));
const agentHeard = (live: [number, string][], synced: string[] = []): ReceiveLog => ({ conversationId: 'c', side: 'agent', live, synced });
const VISITOR_HEARD: ReceiveLog = { conversationId: 'c', side: 'visitor', live: [[1, 'v1'], [2, 'v2'], [3, 'a1'], [4, 'v3']], synced: [] };
const ALL: [number, string][] = [[1, 'v1'], [2, 'v2'], [3, 'a1'], [4, 'v3']];

describe('stress accounting', () => {
  it('a clean phase: everything sent, acked, stored and delivered to its addressee', () => {
    const a = account({ sends: SENDS, receives: [agentHeard(ALL), VISITOR_HEARD], stored: STORED });
    expect(a).toMatchObject({ sent: 4, acked: 4, stored: 4, delivered: 4, recoveredBySync: 0, outOfOrder: 0, lost: { total: 0 }, duplicated: { total: 0 } });
    expect(broken(a)).toBe(false);
  });

  it('a receiver hearing a seq again, or one clientMsgId under two seqs, is a duplicate', () => {
    const a = account({ sends: SENDS, receives: [agentHeard([...ALL, [2, 'v2'], [5, 'v3']]), VISITOR_HEARD], stored: STORED });
    expect(a.duplicated).toEqual({ total: 2, live: 2, stored: 0 });
    expect(a.delivered).toBe(4);
    expect(broken(a)).toBe(true);
  });

  it('the database holding one clientMsgId twice is a duplicate', () => {
    const a = account({ sends: SENDS, receives: [agentHeard(ALL), VISITOR_HEARD], stored: [...STORED, { clientMsgId: 'v2', conversationId: 'other', seq: 1 }] });
    expect(a.duplicated).toEqual({ total: 1, live: 0, stored: 1 });
  });

  it('a lower seq after a higher one, live, is out of order (once per step back)', () => {
    const a = account({ sends: SENDS, receives: [agentHeard([[2, 'v2'], [1, 'v1'], [4, 'v3'], [3, 'a1']]), VISITOR_HEARD], stored: STORED });
    expect(a.outOfOrder).toBe(2);
    expect(a.delivered).toBe(4);
  });

  it('a gap is not out of order: a missing message is counted as lost instead', () => {
    const a = account({ sends: SENDS, receives: [agentHeard([[1, 'v1'], [3, 'a1'], [4, 'v3']]), VISITOR_HEARD], stored: STORED });
    expect(a.outOfOrder).toBe(0);
    expect(a.lost).toEqual({ total: 1, ackedNotStored: 0, neverReached: 1, noAddressee: 0 });
    expect(a.problems[0]).toContain('v2');
  });

  it('missed live but found by the final sync is recovered, not lost', () => {
    const a = account({ sends: SENDS, receives: [agentHeard([[1, 'v1'], [3, 'a1'], [4, 'v3']], ['v2']), VISITOR_HEARD], stored: STORED });
    expect(a.lost.total).toBe(0);
    expect(a.recoveredBySync).toBe(1);
    expect(a.delivered).toBe(3);
  });

  it('acknowledged but not in the database is lost, whoever heard it live', () => {
    const a = account({ sends: SENDS, receives: [agentHeard(ALL), VISITOR_HEARD], stored: STORED.filter((r) => r.clientMsgId !== 'a1') });
    expect(a.lost).toEqual({ total: 1, ackedNotStored: 1, neverReached: 0, noAddressee: 0 });
  });

  it('a visitor message in a conversation no agent was assigned has no addressee: lost, and said so', () => {
    const a = account({ sends: SENDS, receives: [VISITOR_HEARD], stored: STORED });
    expect(a.lost).toEqual({ total: 3, ackedNotStored: 0, neverReached: 3, noAddressee: 3 });
    expect(a.delivered).toBe(1);
  });

  it('a message heard only by a receiver it was not addressed to is not delivered', () => {
    // v3 reached the visitor's own tab, not the agent.
    const a = account({ sends: SENDS, receives: [agentHeard([[1, 'v1'], [2, 'v2'], [3, 'a1']]), VISITOR_HEARD], stored: STORED });
    expect(a.lost.neverReached).toBe(1);
  });

  it('a refused send is not acked and not lost; without a database the acks stand for the rows', () => {
    const sends: SendRecord[] = [...SENDS, ['v4', 'c', 'visitor', -1, 'RATE_LIMITED']];
    const a = account({ sends, receives: [agentHeard(ALL), VISITOR_HEARD], stored: null });
    expect(a).toMatchObject({ sent: 5, acked: 4, notAcked: 1, stored: null, delivered: 4, lost: { total: 0 } });
    expect(broken(a)).toBe(true);
  });
});
