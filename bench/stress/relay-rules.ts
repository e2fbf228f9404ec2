/**
 * What the bench's relays answer (baseline-relay.ts over plain `ws`, socketio-relay.ts
 * over Socket.IO), whatever carries it: visitor i's conversation is "c<i>", answered by
 * agent i % A; each message gets the next seq of its conversation and goes to the other
 * side as `message.created`; nothing is stored. Just enough of Kefu's events for the
 * bench's workers to drive a relay unchanged.
 */

export type Side = 'visitor' | 'agent';

/** Sends `event` to visitor or agent `index`, if connected. */
export type Deliver = (side: Side, index: number, event: string, payload: unknown) => void;

interface RelayConversation {
  id: string;
  visitor: number;
  agent: number;
  seq: number;
}

interface SendPayload {
  conversationId?: string;
  clientMsgId: string;
  body: string;
}

export class RelayRules {
  private readonly conversations = new Map<string, RelayConversation>();
  private nextMessageId = 1;

  constructor(
    private readonly agentCount: number,
    private readonly deliver: Deliver,
  ) {}

  /** Visitor `index`'s event: what its ack carries. */
  visitor(index: number, event: string, payload: SendPayload): unknown {
    const id = `c${index}`;
    let conversation = this.conversations.get(id);
    if (event === 'session.hello') return { visitorId: `v${index}`, visitorToken: `t${index}`, conversation: conversation ? { id } : null };
    if (event === 'messages.sync') return { messages: [], hasMore: false };
    if (event !== 'message.send') return {};
    if (!conversation) {
      conversation = { id, visitor: index, agent: index % this.agentCount, seq: 0 };
      this.conversations.set(id, conversation);
      this.deliver('agent', conversation.agent, 'conversation.updated', { id, assigneeId: `a${conversation.agent}` });
    }
    return this.relay(conversation, 'visitor', payload);
  }

  /** Agent `index`'s event: what its ack carries. */
  agent(index: number, event: string, payload: SendPayload): unknown {
    if (event === 'session.hello') return { agent: { id: `a${index}` } };
    if (event === 'messages.sync') return { messages: [], hasMore: false };
    const conversation = payload?.conversationId ? this.conversations.get(payload.conversationId) : undefined;
    if (event !== 'message.send' || !conversation) return {};
    return this.relay(conversation, 'agent', payload);
  }

  private relay(conversation: RelayConversation, from: Side, payload: SendPayload): unknown {
    const message = {
      id: `m${this.nextMessageId++}`,
      conversationId: conversation.id,
      seq: ++conversation.seq,
      clientMsgId: payload.clientMsgId,
      senderType: from,
      senderId: from === 'visitor' ? `v${conversation.visitor}` : `a${conversation.agent}`,
      senderName: null,
      body: payload.body,
      createdAt: Date.now(),
    };
    if (from === 'visitor') this.deliver('agent', conversation.agent, 'message.created', message);
    else this.deliver('visitor', conversation.visitor, 'message.created', message);
    return message;
  }
}
