import type { Conversation, ConversationSummary, Message, ReadReceipt } from '@kefu/protocol';

interface Cursors {
  visitor: number;
  agents: Record<string, number>;
}

/**
 * What each side has read, per conversation, as far as this client knows. Fed by
 * conversation objects, read receipts, and messages themselves (a sender has read
 * up to their own message). Cursors only move forward here, as on the server.
 */
export class ReadCursors {
  private readonly byConversation = new Map<string, Cursors>();

  private cursors(conversationId: string): Cursors {
    let c = this.byConversation.get(conversationId);
    if (!c) this.byConversation.set(conversationId, (c = { visitor: 0, agents: {} }));
    return c;
  }

  /** Returns true when something moved. */
  apply(receipt: Pick<ReadReceipt, 'conversationId' | 'readerType' | 'readerId' | 'seq'>): boolean {
    const c = this.cursors(receipt.conversationId);
    if (receipt.readerType === 'visitor') {
      if (receipt.seq <= c.visitor) return false;
      c.visitor = receipt.seq;
      return true;
    }
    if (receipt.seq <= (c.agents[receipt.readerId] ?? 0)) return false;
    c.agents[receipt.readerId] = receipt.seq;
    return true;
  }

  fromMessage(m: Message): boolean {
    if (m.senderType === 'system' || !m.senderId) return false;
    return this.apply({ conversationId: m.conversationId, readerType: m.senderType, readerId: m.senderId, seq: m.seq });
  }

  fromConversation(c: Conversation | ConversationSummary): boolean {
    let moved = this.apply({ conversationId: c.id, readerType: 'visitor', readerId: c.visitorId, seq: c.visitorReadSeq });
    const agents = 'agentReads' in c ? Object.entries(c.agentReads) : [['', c.agentReadSeq] as const];
    for (const [readerId, seq] of agents) moved = this.apply({ conversationId: c.id, readerType: 'agent', readerId, seq }) || moved;
    return moved;
  }

  visitorSeq(conversationId: string): number {
    return this.byConversation.get(conversationId)?.visitor ?? 0;
  }

  /** The furthest any agent read (or `agentId`'s own cursor). */
  agentSeq(conversationId: string, agentId?: string): number {
    const agents = this.byConversation.get(conversationId)?.agents ?? {};
    return agentId === undefined ? Math.max(0, ...Object.values(agents)) : agents[agentId] ?? 0;
  }
}
