/**
 * The chaos suite's bookkeeping, pure so that it can be tested on made-up data: what
 * the clients sent, what they were told was stored, what they show, against what the
 * database holds. Every figure the suite asserts on or prints comes from `account()`.
 */

/** A row of `messages`, as read back from the database at the end. */
export interface StoredMessage {
  conversationId: string;
  seq: number;
  clientMsgId: string;
  body: string;
}

/** One `send()` a client made, in the order it made them. */
export interface SentMessage {
  clientMsgId: string;
  body: string;
  /** The conversation the client learnt it was stored in (null while never acknowledged). */
  conversationId: string | null;
  /** The seq the client first showed it with, i.e. what the server acknowledged. */
  ackedSeq: number | null;
}

/** One line of a client's chat as shown at the end (`ChatItem` reduced to what is compared). */
export interface TranscriptItem {
  seq: number | null;
  clientMsgId: string;
  body: string;
}

export interface ClientRecord {
  /** For problem reports, e.g. `visitor 7` or `agent 2`. */
  name: string;
  sent: readonly SentMessage[];
  /** The conversations this client shows, each of which must equal the database's. */
  transcripts: ReadonlyMap<string, readonly TranscriptItem[]>;
}

export interface ConversationHead {
  id: string;
  /** `conversations.last_seq`: must equal the number of its messages. */
  lastSeq: number;
}

export interface ProblemCounts {
  /** Acknowledged messages missing from the database. */
  lostAcked: number;
  /** Sent messages neither acknowledged nor stored when the run ended. */
  neverStored: number;
  /** Stored messages missing from a transcript that should show them. */
  notDelivered: number;
  /** Database rows beyond the first with one clientMsgId. */
  storedTwice: number;
  /** Transcript lines beyond the first for one clientMsgId or one seq. */
  shownTwice: number;
  /** Holes or repeats in a conversation's seqs, or last_seq not matching its rows. */
  seqBreaks: number;
  /** Adjacent transcript lines in the wrong order. */
  shownOutOfOrder: number;
  /** One sender's consecutive messages stored in the opposite order. */
  storedOutOfOrder: number;
  /** Acknowledged seq, or a transcript line's seq or body, differing from the database. */
  mismatched: number;
  /** Transcript lines still unsent, or stored rows no client ever sent. */
  strays: number;
}

export interface Report extends ProblemCounts {
  /** Headline figures. */
  sent: number;
  acked: number;
  /** Rows in the database. */
  stored: number;
  /** (client, message) pairs shown exactly as stored. */
  delivered: number;
  /** lostAcked + neverStored + notDelivered */
  lost: number;
  /** storedTwice + shownTwice */
  duplicated: number;
  /** seqBreaks + shownOutOfOrder + storedOutOfOrder */
  outOfOrder: number;
  /** Human-readable, the first `PROBLEMS_LISTED` of them. */
  problems: string[];
}

export const PROBLEMS_LISTED = 50;

/** Whether anything at all went wrong (every counter that is not a plain volume). */
export function failed(report: Report): boolean {
  return report.lost + report.duplicated + report.outOfOrder + report.mismatched + report.strays > 0;
}

export function account(input: {
  stored: readonly StoredMessage[];
  conversations: readonly ConversationHead[];
  clients: readonly ClientRecord[];
}): Report {
  const counts: ProblemCounts = {
    lostAcked: 0,
    neverStored: 0,
    notDelivered: 0,
    storedTwice: 0,
    shownTwice: 0,
    seqBreaks: 0,
    shownOutOfOrder: 0,
    storedOutOfOrder: 0,
    mismatched: 0,
    strays: 0,
  };
  const problems: string[] = [];
  const problem = (kind: keyof ProblemCounts, text: string, n = 1) => {
    counts[kind] += n;
    if (problems.length < PROBLEMS_LISTED) problems.push(`${kind}: ${text}`);
  };

  // The database on its own: one row per clientMsgId, seqs 1..n, last_seq = n.
  const byConversation = new Map<string, StoredMessage[]>();
  const byClientMsgId = new Map<string, StoredMessage>();
  const byKey = new Map<string, StoredMessage>();
  const key = (conversationId: string, clientMsgId: string) => `${conversationId}\n${clientMsgId}`;
  for (const m of input.stored) {
    byKey.set(key(m.conversationId, m.clientMsgId), m);
    const rows = byConversation.get(m.conversationId) ?? [];
    rows.push(m);
    byConversation.set(m.conversationId, rows);
    const first = byClientMsgId.get(m.clientMsgId);
    if (first) problem('storedTwice', `${m.clientMsgId} stored as ${first.conversationId}#${first.seq} and ${m.conversationId}#${m.seq}`);
    else byClientMsgId.set(m.clientMsgId, m);
  }
  for (const rows of byConversation.values()) rows.sort((a, b) => a.seq - b.seq);
  const heads = new Map(input.conversations.map((c) => [c.id, c.lastSeq]));
  for (const [id, rows] of byConversation) {
    rows.forEach((m, i) => {
      if (m.seq !== i + 1) problem('seqBreaks', `conversation ${id}: row ${i + 1} has seq ${m.seq}`);
    });
    const head = heads.get(id);
    if (head !== undefined && head !== rows.length) problem('seqBreaks', `conversation ${id}: last_seq ${head} but ${rows.length} rows`);
  }

  // What each client sent and was told.
  const sentIds = new Set<string>();
  let sent = 0;
  let acked = 0;
  for (const client of input.clients) {
    const previous = new Map<string, StoredMessage>();
    for (const s of client.sent) {
      sent++;
      sentIds.add(s.clientMsgId);
      // Where the client was told it is, else wherever it is.
      const row = (s.conversationId && byKey.get(key(s.conversationId, s.clientMsgId))) || byClientMsgId.get(s.clientMsgId);
      if (s.ackedSeq !== null) {
        acked++;
        if (!row) problem('lostAcked', `${client.name}: ${s.clientMsgId} ("${s.body}") acknowledged as seq ${s.ackedSeq}, not in the database`);
        else if (row.seq !== s.ackedSeq || row.conversationId !== s.conversationId) {
          problem('mismatched', `${client.name}: ${s.clientMsgId} acknowledged as ${s.conversationId}#${s.ackedSeq}, stored as ${row.conversationId}#${row.seq}`);
        }
      } else if (!row) {
        problem('neverStored', `${client.name}: ${s.clientMsgId} ("${s.body}") never acknowledged nor stored`);
      }
      // The outbox sends one at a time in order: one sender's messages keep their order.
      const before = row && previous.get(row.conversationId);
      if (row && before && row.seq < before.seq) {
        problem('storedOutOfOrder', `${client.name}: sent ${before.clientMsgId} then ${row.clientMsgId}, stored as seq ${before.seq} then ${row.seq}`);
      }
      if (row) previous.set(row.conversationId, row);
    }
  }
  for (const m of input.stored) {
    if (!sentIds.has(m.clientMsgId)) problem('strays', `${m.conversationId}#${m.seq} (${m.clientMsgId}) stored but sent by no client`);
  }

  // What each client shows, against the database.
  let delivered = 0;
  for (const client of input.clients) {
    for (const [conversationId, items] of client.transcripts) {
      const rows = byConversation.get(conversationId) ?? [];
      const where = `${client.name} in ${conversationId}`;
      const seenIds = new Set<string>();
      const seenSeqs = new Set<number>();
      let lastSeq = 0;
      for (const item of items) {
        if (item.seq === null) {
          problem('strays', `${where}: ${item.clientMsgId} still shown as unsent`);
          continue;
        }
        if (seenIds.has(item.clientMsgId) || seenSeqs.has(item.seq)) {
          problem('shownTwice', `${where}: ${item.clientMsgId} / seq ${item.seq} shown twice`);
          continue;
        }
        seenIds.add(item.clientMsgId);
        seenSeqs.add(item.seq);
        const row = byKey.get(key(conversationId, item.clientMsgId));
        if (!row) {
          problem('mismatched', `${where}: shows ${item.clientMsgId} as seq ${item.seq}, not stored in this conversation`);
          continue;
        }
        if (row.seq < lastSeq) problem('shownOutOfOrder', `${where}: seq ${row.seq} shown after seq ${lastSeq}`);
        lastSeq = Math.max(lastSeq, row.seq);
        if (row.seq !== item.seq || row.body !== item.body) {
          problem('mismatched', `${where}: shows ${item.clientMsgId} as seq ${item.seq} "${item.body}", stored as seq ${row.seq} "${row.body}"`);
          continue;
        }
        delivered++;
      }
      const missing = rows.filter((r) => !seenIds.has(r.clientMsgId));
      if (missing.length) {
        const seqs = missing.map((r) => r.seq);
        problem('notDelivered', `${where}: missing seq ${seqs.slice(0, 10).join(', ')}${seqs.length > 10 ? ', ...' : ''} of ${rows.length}`, missing.length);
      }
    }
  }

  return {
    sent,
    acked,
    stored: input.stored.length,
    delivered,
    ...counts,
    lost: counts.lostAcked + counts.neverStored + counts.notDelivered,
    duplicated: counts.storedTwice + counts.shownTwice,
    outOfOrder: counts.seqBreaks + counts.shownOutOfOrder + counts.storedOutOfOrder,
    problems,
  };
}
