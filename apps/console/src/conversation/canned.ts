import type { CannedReply } from '@kefu/client';

/** The most canned replies the picker lists at once. */
const PICKER_MAX = 8;

export interface CannedToken {
  /** Index of the `/` in the text. */
  start: number;
  /** What follows it, up to the caret (lower-cased). */
  query: string;
}

/** A `/word` being typed at the start of a word, ending at the caret; null otherwise. */
export function cannedToken(text: string, caret: number): CannedToken | null {
  const match = /(^|\s)\/([\p{L}\p{N}_-]*)$/u.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]!.toLowerCase() };
}

/** Shortcuts that start with the query first, then those that contain it, then bodies that do. */
export function filterCanned(replies: readonly CannedReply[], query: string): CannedReply[] {
  const rank = (r: CannedReply) => (r.shortcut.startsWith(query) ? 0 : r.shortcut.includes(query) ? 1 : r.body.toLowerCase().includes(query) ? 2 : 3);
  return replies
    .map((r) => ({ r, rank: rank(r) }))
    .filter((x) => x.rank < 3)
    .sort((a, b) => a.rank - b.rank || a.r.shortcut.localeCompare(b.r.shortcut))
    .slice(0, PICKER_MAX)
    .map((x) => x.r);
}

/** The text with the token replaced by the reply's body, and where the caret goes after it. */
export function insertCanned(text: string, token: CannedToken, caret: number, body: string): { text: string; caret: number } {
  return { text: text.slice(0, token.start) + body + text.slice(caret), caret: token.start + body.length };
}
