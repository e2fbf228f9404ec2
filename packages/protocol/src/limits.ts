/** A message body longer than this is refused with PAYLOAD_TOO_LARGE. */
export const MESSAGE_BODY_MAX_CHARS = 5000;

/** The most messages one sync or history page returns. */
export const SYNC_PAGE_MAX = 200;

/** An internal note (or a transfer's note) longer than this is refused. */
export const NOTE_BODY_MAX_CHARS = 5000;

/** A tag's length, and the most tags one conversation (or one update) carries. */
export const TAG_MAX_CHARS = 32;
export const TAGS_MAX = 20;
/** The most teams a site offers in its pre-chat "Which department?". */
export const DEPARTMENTS_MAX = 20;
/** The most tags `tags.list` returns (the most used first). */
export const WORKSPACE_TAGS_MAX = 500;

/** The most conversations one inbox page returns. */
export const CONVERSATION_PAGE_MAX = 100;

/**
 * Socket.IO drops the connection of a client whose single packet exceeds this;
 * kept well above the largest valid payload so that an over-long message gets an
 * error code instead of a disconnect.
 */
export const SOCKET_PACKET_MAX_BYTES = 256 * 1024;

/** A receiver forgets a typing indicator not refreshed for this long (the sender may have vanished). */
export const TYPING_TTL_MS = 6000;

/** Custom attributes per visitor (`Kefu('set', ...)`): at most this many keys... */
export const ATTRIBUTES_MAX_KEYS = 50;
/** ...each key this long... */
export const ATTRIBUTE_KEY_MAX_CHARS = 64;
/** ...and each string value this long. */
export const ATTRIBUTE_VALUE_MAX_CHARS = 1000;

/** Longest URL, title or referrer a page view may carry; longer ones are refused with PAYLOAD_TOO_LARGE. */
export const PAGE_URL_MAX_CHARS = 2048;
export const PAGE_TITLE_MAX_CHARS = 512;
