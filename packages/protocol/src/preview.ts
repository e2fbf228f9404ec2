/** The first line, shortened: what the inbox shows of the newest message. */
export const PREVIEW_MAX_CHARS = 140;

/** The inbox's preview of a message body (the server stores it; clients moving a row themselves compute the same). */
export const messagePreview = (body: string): string => body.replace(/\s+/g, ' ').trim().slice(0, PREVIEW_MAX_CHARS);
