/**
 * The stress bench's bookkeeping, pure so that it can be tested on made-up data:
 * what the senders sent and were told, what each receiver heard live and what its
 * final sync found, against the rows the database holds. Nothing is assumed: a
 * message counts as delivered only when its addressee's worker recorded it.
 */
import type { ReceiveLog, SendRecord } from './ipc.js';
import type { StoredRow } from './stored.js';

export interface Accounting {
  sent: number;
  acked: number;
  /** Sends the server refused or never answered (the sender knows: not silent loss). */
  notAcked: number;
  /** Rows in the database; null when it was out of reach (--url without --database-url). */
  stored: number | null;
  /** Reached the addressee live (visitor -> the conversation's assignee, agent -> the visitor). */
  delivered: number;
  /** Missed live, found by the addressee's final sync: not lost, but a fan-out gap. */
  recoveredBySync: number;
  lost: {
    total: number;
    /** Acknowledged, not in the database. */
    ackedNotStored: number;
    /** Stored (or, without a database, acknowledged) and reaching its addressee neither live nor by the final sync. */
    neverReached: number;
    /** Of neverReached: in a conversation no bench agent had been assigned (routing had not, or told nobody). */
    noAddressee: number;
  };
  duplicated: {
    total: number;
    /** A receiver heard one clientMsgId or one seq twice live in one conversation. */
    live: number;
    /** The database holds one clientMsgId more than once. */
    stored: number;
  };
  /** A receiver heard a lower seq after a higher one in one conversation, live. */
  outOfOrder: number;
  /** The first few problems, for a reader. */
  problems: string[];
}

const PROBLEMS_LISTED = 20;

export function account(input: { sends: readonly SendRecord[]; receives: readonly ReceiveLog[]; stored: readonly StoredRow[] | null }): Accounting {
  const problems: string[] = [];
  const note = (text: string) => {
    if (problems.length < PROBLEMS_LISTED) problems.push(text);
  };

  // The database on its own.
  let storedTwice = 0;
  const rows = new Map<string, StoredRow>();
  for (const row of input.stored ?? []) {
    const first = rows.get(row.clientMsgId);
    if (first) {
      storedTwice++;
      note(`stored twice: ${row.clientMsgId} as ${first.conversationId}#${first.seq} and ${row.conversationId}#${row.seq}`);
    } else {
      rows.set(row.clientMsgId, row);
    }
  }

  // Each receiver on its own: repeats and order, live.
  let liveTwice = 0;
  let outOfOrder = 0;
  const heard = new Map<string, { live: Set<string>; synced: Set<string> }>();
  for (const log of input.receives) {
    const where = `${log.side} in ${log.conversationId}`;
    const seqs = new Set<number>();
    const ids = new Set<string>();
    let highest = 0;
    for (const [seq, id] of log.live) {
      if (seqs.has(seq) || ids.has(id)) {
        liveTwice++;
        note(`heard twice: ${where}, seq ${seq} (${id})`);
        continue;
      }
      if (seq < highest) {
        outOfOrder++;
        note(`out of order: ${where}, seq ${seq} after seq ${highest}`);
      }
      highest = Math.max(highest, seq);
      seqs.add(seq);
      ids.add(id);
    }
    const key = `${log.side}\n${log.conversationId}`;
    const entry = heard.get(key) ?? { live: new Set(), synced: new Set() };
    for (const id of ids) entry.live.add(id);
    for (const id of log.synced) entry.synced.add(id);
    heard.set(key, entry);
  }

  // Each message: told, stored, reached.
  let acked = 0;
  let notAcked = 0;
  let ackedNotStored = 0;
  let neverReached = 0;
  let noAddressee = 0;
  let delivered = 0;
  let recoveredBySync = 0;
  for (const [clientMsgId, conversationId, side, seq, error] of input.sends) {
    const row = rows.get(clientMsgId);
    if (seq >= 0) acked++;
    else notAcked++;
    if (seq >= 0 && input.stored && !row) {
      ackedNotStored++;
      note(`acked, not stored: ${side} ${clientMsgId} acked as ${conversationId}#${seq}`);
      continue;
    }
    const exists = input.stored ? row !== undefined : seq >= 0;
    if (!exists) {
      if (!error) note(`never acked (no answer): ${side} ${clientMsgId}`);
      continue;
    }
    const addressee = heard.get(`${side === 'visitor' ? 'agent' : 'visitor'}\n${row?.conversationId ?? conversationId}`);
    if (addressee?.live.has(clientMsgId)) delivered++;
    else if (addressee?.synced.has(clientMsgId)) recoveredBySync++;
    else {
      neverReached++;
      if (!addressee) noAddressee++;
      note(`never reached its addressee: ${side} ${clientMsgId} in ${row?.conversationId ?? conversationId}${addressee ? '' : ' (nobody there heard anything)'}`);
    }
  }

  return {
    sent: input.sends.length,
    acked,
    notAcked,
    stored: input.stored ? input.stored.length : null,
    delivered,
    recoveredBySync,
    lost: { total: ackedNotStored + neverReached, ackedNotStored, neverReached, noAddressee },
    duplicated: { total: liveTwice + storedTwice, live: liveTwice, stored: storedTwice },
    outOfOrder,
    problems,
  };
}

/** Whether a phase went wrong in a way --find-max must stop at. */
export function broken(a: Accounting): boolean {
  return a.lost.total + a.duplicated.total + a.outOfOrder + a.notAcked > 0;
}
