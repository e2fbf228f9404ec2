/** The first line, shortened: what the inbox shows of the newest message. */
export const PREVIEW_MAX_CHARS = 140;

/** Whitespace a preview would change: any but a plain space, or two spaces in a row. */
const UNTIDY = /[^\S ]| {2}/;

/**
 * The inbox's preview of a message body (the server stores it; clients moving a row
 * themselves compute the same): runs of whitespace as one space, trimmed, shortened.
 * Most bodies are one line with single spaces, and are left as they are instead of
 * copied (a busy node previews every message it stores).
 */
export const messagePreview = (body: string): string => (UNTIDY.test(body) ? body.replace(/\s+/g, ' ') : body).trim().slice(0, PREVIEW_MAX_CHARS);
