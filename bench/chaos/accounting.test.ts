import { describe, expect, it } from 'vitest';
import { account, failed, type ClientRecord, type SentMessage, type StoredMessage, type TranscriptItem } from './accounting.js';

/** The chaos suite is only as good as its counting: each kind of damage must show in its counter. */

const C = 'conv-1';
const stored = (seq: number, id = `m${seq}`, conversationId = C): StoredMessage => ({ conversationId, seq, clientMsgId: id, body: `body ${id}` });
const sent = (seq: number, id = `m${seq}`): SentMessage => ({ clientMsgId: id, body: `body ${id}`, conversationId: C, ackedSeq: seq });
const line = (seq: number, id = `m${seq}`): TranscriptItem => ({ seq, clientMsgId: id, body: `body ${id}` });

const DB = [1, 2, 3, 4].map((s) => stored(s));
const HEADS = [{ id: C, lastSeq: 4 }];
const VISITOR_SENT = [sent(1), sent(3)];
const AGENT_SENT = [sent(2), sent(4)];

function run(options: { db?: StoredMessage[]; heads?: typeof HEADS; visitorSent?: SentMessage[]; visitorShows?: TranscriptItem[] } = {}) {
  const clients: ClientRecord[] = [
    { name: 'visitor', sent: options.visitorSent ?? VISITOR_SENT, transcripts: new Map([[C, options.visitorShows ?? [1, 2, 3, 4].map((s) => line(s))]]) },
    { name: 'agent', sent: AGENT_SENT, transcripts: new Map([[C, [1, 2, 3, 4].map((s) => line(s))]]) },
  ];
  return account({ stored: options.db ?? DB, conversations: options.heads ?? HEADS, clients });
}

describe('chaos accounting', () => {
  it('counts a clean run as clean', () => {
    const report = run();
    expect(report).toMatchObject({ sent: 4, acked: 4, stored: 4, delivered: 8, lost: 0, duplicated: 0, outOfOrder: 0, mismatched: 0, strays: 0 });
    expect(failed(report)).toBe(false);
  });

  it('counts a message missing from a transcript as lost', () => {
    const report = run({ visitorShows: [line(1), line(2), line(4)] });
    expect(report).toMatchObject({ lost: 1, notDelivered: 1, duplicated: 0, outOfOrder: 0, delivered: 7 });
    expect(report.problems[0]).toContain('missing seq 3');
    expect(failed(report)).toBe(true);
  });

  it('counts an acknowledged message missing from the database as lost, and the seq hole it leaves', () => {
    const report = run({ db: [stored(1), stored(2), stored(4)] });
    expect(report.lostAcked).toBe(1);
    expect(report.seqBreaks).toBeGreaterThan(0);
    expect(report.lost).toBeGreaterThan(0);
  });

  it('counts a sent message that never made it anywhere as lost', () => {
    const report = run({ visitorSent: [...VISITOR_SENT, { clientMsgId: 'm9', body: 'body m9', conversationId: null, ackedSeq: null }] });
    expect(report).toMatchObject({ neverStored: 1, lost: 1, sent: 5, acked: 4 });
  });

  it('counts a message shown twice as duplicated', () => {
    const report = run({ visitorShows: [line(1), line(2), line(3), line(3), line(4)] });
    expect(report).toMatchObject({ shownTwice: 1, duplicated: 1, lost: 0, outOfOrder: 0 });
  });

  it('counts a message stored twice as duplicated', () => {
    const report = run({ db: [...DB, stored(1, 'm3', 'conv-2')], heads: [...HEADS, { id: 'conv-2', lastSeq: 1 }] });
    expect(report).toMatchObject({ storedTwice: 1, duplicated: 1 });
  });

  it('counts two swapped messages as out of order', () => {
    const report = run({ visitorShows: [line(1), line(3), line(2), line(4)] });
    expect(report).toMatchObject({ shownOutOfOrder: 1, outOfOrder: 1, lost: 0, duplicated: 0 });
  });

  it("counts a sender's messages stored in the opposite order as out of order", () => {
    const report = run({ visitorSent: [sent(3), sent(1)] });
    expect(report).toMatchObject({ storedOutOfOrder: 1, outOfOrder: 1 });
  });

  it('counts a hole or a repeat in seq, and last_seq disagreeing with the rows, as out of order', () => {
    expect(run({ db: [stored(1), stored(2), stored(3), stored(5, 'm4')], heads: [{ id: C, lastSeq: 5 }] }).seqBreaks).toBe(2);
    expect(run({ heads: [{ id: C, lastSeq: 5 }] }).seqBreaks).toBe(1);
  });

  it('counts an ack, or a line, that disagrees with the database as mismatched', () => {
    expect(run({ visitorSent: [sent(1), { ...sent(3), ackedSeq: 2 }] }).mismatched).toBe(1);
    expect(run({ visitorShows: [line(1), line(2), { ...line(3), body: 'edited' }, line(4)] }).mismatched).toBe(1);
  });

  it('counts a line still unsent, and a row nobody sent, as strays', () => {
    expect(run({ visitorShows: [...[1, 2, 3, 4].map((s) => line(s)), { seq: null, clientMsgId: 'm9', body: 'x' }] }).strays).toBe(1);
    expect(run({ db: [...DB, stored(5, 'ghost')], heads: [{ id: C, lastSeq: 5 }] }).strays).toBe(1);
  });
});
