let lastMs = 0;
let counter = 0;

/**
 * Makes 16 random bytes a UUID v7: the time in the first 48 bits, then a 12-bit counter,
 * so that ids made later by this process (a node, a page) sort after earlier ones, as
 * text too, even within one millisecond. The server's message ids and the SDK's
 * clientMsgIds both are: indexes on them grow at their end.
 */
export function stampOrderedId(bytes: Uint8Array, now = Date.now()): void {
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else if (++counter > 0xfff) {
    // 4096 ids in one millisecond: borrow the next one rather than lose the order.
    lastMs += 1;
    counter = 0;
  }
  for (let i = 0; i < 6; i++) bytes[i] = Math.floor(lastMs / 2 ** (8 * (5 - i))) & 0xff;
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
}
