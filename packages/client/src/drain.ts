import type { Message } from '@kefu/protocol';
import type { Socket } from 'socket.io-client';
import type { KefuError } from './errors.js';
import type { Outbox, PendingMessage } from './outbox.js';
import { request } from './request.js';

const RETRY_AFTER_TIMEOUT_MS = 2000;

/**
 * Sends the outbox in order, one at a time (so that one sender's messages get
 * ascending seqs), until it is empty or the connection fails. A message the server
 * refuses for good is marked failed and skipped (unless `rescue` fixed it: then it is
 * sent again at once); a timeout schedules another try.
 */
export async function drain(
  outbox: Outbox,
  socket: Socket,
  payload: (pending: PendingMessage) => Record<string, unknown>,
  onSent: (message: Message) => Promise<void> | void,
  onChange: (pending: PendingMessage) => void,
  retryLater: () => void,
  rescue: (pending: PendingMessage, error: KefuError) => boolean = () => false,
): Promise<void> {
  for (let next = outbox.next(); next && socket.connected; next = outbox.next()) {
    try {
      const message = await request<Message>(socket, 'message.send', payload(next));
      await onSent(message);
      outbox.remove(message.clientMsgId);
      onChange(next);
    } catch (err) {
      const error = err as KefuError;
      if (error.action === 'retry') {
        if (error.code === 'TIMEOUT') setTimeout(retryLater, RETRY_AFTER_TIMEOUT_MS);
        return;
      }
      if (rescue(next, error)) continue;
      outbox.update(next.clientMsgId, { error: { code: error.code as never, message: error.message } });
      onChange(next);
    }
  }
}
