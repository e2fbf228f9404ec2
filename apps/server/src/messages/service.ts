import type { Message, SenderType } from '@kefu/protocol';
import { newId } from '../ids.js';
import type { MessagesRepo } from './repo.js';

export interface SendInput {
  conversationId: string;
  clientMsgId: string;
  senderType: SenderType;
  senderId: string | null;
  body: string;
}

export class MessagesService {
  constructor(private readonly repo: MessagesRepo) {}

  /** Stores the message once; `created` is false for a resend of a stored clientMsgId. */
  send(input: SendInput): Promise<{ message: Message; created: boolean }> {
    return this.repo.insert({ ...input, id: newId(), createdAt: Date.now() });
  }

  page(conversationId: string, afterSeq: number, limit: number) {
    return this.repo.after(conversationId, afterSeq, limit);
  }
}
