let lastMs = 0;
let counter = 0;

/**
 * A UUID v7: the time in its first 48 bits, so that the server's index of clientMsgIds
 * grows at its end (apps/server/src/storage/migrations/0008_client_msg_id_first.ts), and
 * a counter after it, so that one client's ids sort in the order it made them even
 * within a millisecond. A clock set wrong only costs the server a page elsewhere.
 * `crypto.randomUUID` exists only in secure contexts, so the bytes are set by hand.
 */
export function newClientMsgId(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else if (++counter > 0xfff) {
    // 4096 ids in one millisecond: borrow the next one rather than lose the order.
    lastMs += 1;
    counter = 0;
  }
  const b = crypto.getRandomValues(new Uint8Array(16));
  for (let i = 0; i < 6; i++) b[i] = Math.floor(lastMs / 2 ** (8 * (5 - i))) & 0xff;
  b[6] = 0x70 | (counter >> 8);
  b[7] = counter & 0xff;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
