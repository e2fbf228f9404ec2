import type { ConversationEvent, Message, MessagePage, SenderType, WireError } from '@kefu/protocol';
import type { PendingMessage } from './outbox.js';
import type { Timeline } from './timeline.js';

/** sending: in the outbox. sent: stored. read: the other side's cursor passed it. failed: refused for good. */
export type MessageState = 'sending' | 'sent' | 'read' | 'failed';

/** One line of a chat as a UI shows it: a stored message or one still in the outbox. */
export interface ChatItem {
  /** Stable across the sending -> sent transition: the clientMsgId. */
  key: string;
  seq: number | null;
  body: string;
  senderType: SenderType;
  senderName: string | null;
  createdAt: number;
  state: MessageState;
  /** Why the server refused it, when state is `failed`. */
  error: WireError | null;
  /** What a `system` message means, for UIs to say in their own language (`body` is the English fallback). */
  event?: ConversationEvent;
}

/** `othersReadSeq`: how far the other side has read; our messages up to it show as read. */
export function chatItems(timeline: Timeline | undefined, pending: readonly PendingMessage[], ownType: SenderType, othersReadSeq = 0): ChatItem[] {
  const stored = timeline?.messages() ?? [];
  const items: ChatItem[] = stored.map((m: Message) => ({
    key: m.clientMsgId,
    seq: m.seq,
    body: m.body,
    senderType: m.senderType,
    senderName: m.senderName,
    createdAt: m.createdAt,
    state: m.senderType === ownType && m.seq <= othersReadSeq ? 'read' : 'sent',
    error: null,
    ...(m.event ? { event: m.event } : {}),
  }));
  const known = new Set(stored.map((m) => m.clientMsgId));
  for (const p of pending) {
    if (known.has(p.clientMsgId)) continue;
    items.push({
      key: p.clientMsgId,
      seq: null,
      body: p.body,
      senderType: ownType,
      senderName: null,
      createdAt: p.createdAt,
      state: p.error ? 'failed' : 'sending',
      error: p.error ?? null,
    });
  }
  return items;
}

/** Fetches every message after the timeline's last contiguous seq, page by page. */
export async function catchUp(timeline: Timeline, fetchPage: (afterSeq: number) => Promise<MessagePage>): Promise<Message[]> {
  const added: Message[] = [];
  for (;;) {
    const from = timeline.lastSeq;
    const page = await fetchPage(from);
    for (const m of page.messages) if (timeline.add(m) !== 'duplicate') added.push(m);
    // Stop at the end, or if the server sent nothing new (a hole it cannot fill).
    if (!page.hasMore || timeline.lastSeq === from) return added;
  }
}
