import { messagePreview, type ConversationSummary, type Message } from '@kefu/protocol';

/**
 * The inbox rows this agent has seen, moved by each message it receives. The server
 * sends an agent every message of the conversations it has or has open, but their rows
 * (conversation.updated) at most about once a second while messages keep coming; so
 * the row moves here, at once, from the message itself. A row from the server that is
 * older than what the messages showed (it was read before the newest one was stored)
 * keeps the newer message fields.
 */
export class InboxRows {
  private readonly rows = new Map<string, ConversationSummary>();

  /** A row from the server: the one to show, merged with what messages showed since. */
  remember(row: ConversationSummary): ConversationSummary {
    const known = this.rows.get(row.id);
    const merged = known && known.lastSeq > row.lastSeq ? newerMessages(row, known) : row;
    this.rows.set(row.id, merged);
    return merged;
  }

  /** The row after this message, or null when the row is unknown or already past it. */
  moved(message: Message): ConversationSummary | null {
    const row = this.rows.get(message.conversationId);
    if (!row || message.seq <= row.lastSeq) return null;
    const next: ConversationSummary = {
      ...row,
      lastSeq: message.seq,
      lastMessageAt: message.createdAt,
      // The inbox previews what people wrote (as the server does), not "Mei joined the chat".
      lastMessagePreview: message.senderType === 'system' ? row.lastMessagePreview : messagePreview(message.body),
      // Whoever writes has read up to their own message.
      ...(message.senderType === 'visitor' ? { visitorReadSeq: message.seq } : {}),
      ...(message.senderType === 'agent' && message.senderId ? { agentReads: { ...row.agentReads, [message.senderId]: message.seq }, agentReadSeq: message.seq } : {}),
    };
    this.rows.set(row.id, next);
    return next;
  }
}

/** The server's row, with the message fields and read cursors of a row moved further by messages. */
const newerMessages = (row: ConversationSummary, moved: ConversationSummary): ConversationSummary => ({
  ...row,
  lastSeq: moved.lastSeq,
  lastMessageAt: moved.lastMessageAt,
  lastMessagePreview: moved.lastMessagePreview,
  visitorReadSeq: Math.max(row.visitorReadSeq, moved.visitorReadSeq),
  agentReadSeq: Math.max(row.agentReadSeq, moved.agentReadSeq),
  agentReads: newestReads(row.agentReads, moved.agentReads),
});

function newestReads(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const reads = { ...a };
  for (const [agentId, seq] of Object.entries(b)) reads[agentId] = Math.max(reads[agentId] ?? 0, seq);
  return reads;
}
