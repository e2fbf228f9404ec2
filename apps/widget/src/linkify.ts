/**
 * Finds links in a message's text, for rendering as anchors whose text is the exact
 * text typed (never HTML). Only three kinds become links:
 *
 * - `http://` and `https://` URLs;
 * - `www.example.com...`, opened as https;
 * - bare email addresses, as `mailto:`.
 *
 * Anything else (`javascript:`, `data:`, `file:`, other schemes) stays text. Hosts must
 * be ASCII (punycode `xn--` labels are): a look-alike Unicode host is not made
 * clickable. A link stops at whitespace, at CJK characters and full-width punctuation
 * (Chinese text often has no spaces around a URL) and drops trailing punctuation such
 * as `.`, `,`, `!` or a closing bracket it did not open.
 */

export type Segment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** Characters a URL may not contain here: whitespace, angle brackets, quotes, CJK and full-width forms. */
const URL_BODY = '[^\\s<>"\\u2018-\\u201f\\u2e80-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uffef]';
const HOST = '(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{2,59})';
const EMAIL = "[A-Za-z0-9_'+-]+(?:\\.[A-Za-z0-9_'+-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}";

/** Leftmost match first; at one position a URL wins over an email. */
const PATTERN = new RegExp(`(https?://${URL_BODY}+)|(www\\.${HOST}(?:[/?#:]${URL_BODY}*)?)|(${EMAIL})`, 'gi');

/** A link may not start right after these: `xhttp://`, `a.www.b`, `//www.x` (as in `javascript://www.x`) are not links. */
const GLUED_BEFORE = /[A-Za-z0-9_@./:+-]/;
/** Dropped from a link's end: sentence punctuation and quotes. */
const TRAILING = /[.,;:!?'"*_~\u2019\u201d]$/;
const PAIRS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}

/** Trims what a sentence put after the link: "(see https://x.com/a)." -> "https://x.com/a". */
function trimEnd(link: string): string {
  for (;;) {
    const last = link.at(-1);
    if (!last) return link;
    const open = PAIRS[last];
    if (TRAILING.test(link) || (open && count(link, last) > count(link, open))) link = link.slice(0, -1);
    else return link;
  }
}

/** The http(s) URL a candidate opens, or null when it does not parse or its host is not ASCII. */
function webHref(candidate: string): string | null {
  const href = /^https?:\/\//i.test(candidate) ? candidate : `https://${candidate}`;
  try {
    const url = new URL(href);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    // The parser turns a Unicode host into punycode: reject hosts that were not ASCII as typed.
    const typedHost = href.slice(href.indexOf('//') + 2).split(/[/?#]/)[0]!.split('@').pop()!.replace(/:\d*$/, '');
    if (!/^[A-Za-z0-9.-]+$/.test(typedHost) || !url.hostname.includes('.')) return null;
    return url.href;
  } catch {
    return null;
  }
}

export function linkify(text: string): Segment[] {
  const out: Segment[] = [];
  let textStart = 0;
  const pushText = (end: number) => {
    if (end > textStart) out.push({ kind: 'text', text: text.slice(textStart, end) });
  };
  PATTERN.lastIndex = 0;
  for (let match = PATTERN.exec(text); match; match = PATTERN.exec(text)) {
    const start = match.index;
    if (start > 0 && GLUED_BEFORE.test(text[start - 1]!)) {
      // Not at a word boundary: look again one character further (lastIndex is past the match).
      PATTERN.lastIndex = start + 1;
      continue;
    }
    const isEmail = match[3] !== undefined;
    const linkText = isEmail ? match[0] : trimEnd(match[0]);
    const href = isEmail ? `mailto:${linkText}` : webHref(linkText);
    PATTERN.lastIndex = start + Math.max(1, linkText.length);
    if (!href) continue;
    pushText(start);
    out.push({ kind: 'link', text: linkText, href });
    textStart = start + linkText.length;
  }
  pushText(text.length);
  return out;
}
