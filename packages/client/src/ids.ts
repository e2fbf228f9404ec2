import { stampOrderedId } from '@kefu/protocol';

/**
 * A UUID v7 (stampOrderedId): time-ordered, so that the server's index of clientMsgIds
 * grows at its end (apps/server/src/storage/migrations/0008_client_msg_id_first.ts); one
 * client's ids sort in the order it made them. A clock set wrong only costs the server a
 * page elsewhere. `crypto.randomUUID` exists only in secure contexts: the bytes are set
 * by hand.
 */
export function newClientMsgId(now = Date.now()): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  stampOrderedId(b, now);
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
