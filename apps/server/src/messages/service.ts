import type { ConversationEvent, Message, SenderType } from '@kefu/protocol';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { newId } from '../ids.js';
import type { Storage } from '../storage/connect.js';
import type { Database } from '../storage/database.js';
import { mayWrite, type PendingMessage } from './batch.js';
import type { MessagesRepo } from './repo.js';
import { systemText } from './system-text.js';
import { MessageWriter, type SendRequest, type Sent, type WriterObserver } from './writer.js';

export interface SendInput {
  conversationId: string;
  clientMsgId: string;
  senderType: SenderType;
  senderId: string | null;
  body: string;
}

export class MessagesService {
  private readonly writer: MessageWriter;

  constructor(
    private readonly repo: MessagesRepo,
    storage: Pick<Storage, 'dialect' | 'runSteps'>,
    log: Logger,
    observer: WriterObserver | null = null,
  ) {
    this.writer = new MessageWriter(storage, (pending) => this.sendOne(pending), log, observer);
  }

  /**
   * A visitor's or an agent's message, stored once (with others arriving at the same
   * time: see MessageWriter) where its sender may write: NOT_FOUND elsewhere,
   * CONVERSATION_CLOSED once closed. `created` is false for a resend of a stored clientMsgId.
   */
  write(request: SendRequest): Promise<Sent> {
    return this.writer.send(request);
  }

  /** The same as write(), alone in its transaction: what a batch leaves to be settled exactly. */
  private async sendOne(p: PendingMessage): Promise<Sent> {
    const conversation = await this.repo.head(p.conversationId);
    if (!conversation || !mayWrite(p, conversation)) throw new AppError('NOT_FOUND');
    if (conversation.status === 'closed') throw new AppError('CONVERSATION_CLOSED');
    const { message, created } = await this.repo.insert(p);
    return { message, created, conversation };
  }

  /** Stores the message once; `created` is false for a resend of a stored clientMsgId. */
  send(input: SendInput): Promise<{ message: Message; created: boolean }> {
    return this.repo.insert({ ...input, id: newId(), createdAt: Date.now() });
  }

  /**
   * A system message announcing `event`, inside the caller's transaction (with the
   * change it announces). `byAgentId`: the agent who caused it, whose read cursor moves
   * past it (no unread badge for your own action). `body` replaces the English default
   * (a site's own auto-reply); `clientMsgId` makes it once-only (the unique index refuses a second).
   */
  system(trx: Kysely<Database>, conversationId: string, event: ConversationEvent, byAgentId: string | null, options: { body?: string; clientMsgId?: string } = {}): Promise<Message> {
    const id = newId();
    return this.repo.insertWithin(
      trx,
      { id, conversationId, clientMsgId: options.clientMsgId ?? id, senderType: 'system', senderId: null, body: options.body ?? systemText(event), createdAt: Date.now(), event },
      byAgentId,
    );
  }

  page(conversationId: string, afterSeq: number, limit: number) {
    return this.repo.after(conversationId, afterSeq, limit);
  }

  /** Scrolling up: the newest page when `beforeSeq` is omitted. */
  history(conversationId: string, beforeSeq: number | undefined, limit: number) {
    return this.repo.before(conversationId, beforeSeq, limit);
  }
}
