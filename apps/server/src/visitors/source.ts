import type { VisitSource } from '@kefu/protocol';

/** A country's domain of an engine: .com, .de, .co.uk, .com.br (not google.example.com). */
const COUNTRY = String.raw`\.(com|[a-z]{2}|com?\.[a-z]{2})$`;

/** Search engines by host (any subdomain) and the query parameters holding the words. */
const ENGINES: { name: string; host: RegExp; params: string[] }[] = [
  { name: 'google', host: new RegExp(String.raw`(^|\.)google` + COUNTRY), params: ['q'] },
  { name: 'bing', host: /(^|\.)bing\.com$/, params: ['q'] },
  { name: 'baidu', host: /(^|\.)baidu\.com$/, params: ['wd', 'word'] },
  { name: 'sogou', host: /(^|\.)sogou\.com$/, params: ['query', 'keyword'] },
  { name: 'so.com', host: /(^|\.)so\.com$/, params: ['q'] },
  { name: 'yandex', host: new RegExp(String.raw`(^|\.)yandex` + COUNTRY), params: ['text'] },
  { name: 'duckduckgo', host: /(^|\.)duckduckgo\.com$/, params: ['q'] },
];

/**
 * Where a visit came from: its first page's referrer and, for a known search engine,
 * the words searched when the engine still passes them (Google and DuckDuckGo mostly
 * send only their origin now; Baidu, Sogou and Bing often keep the query).
 */
export function parseSource(referrer: string | null): VisitSource {
  if (!referrer) return { referrer: null, searchEngine: null, searchKeyword: null };
  let url: URL;
  try {
    url = new URL(referrer);
  } catch {
    return { referrer, searchEngine: null, searchKeyword: null };
  }
  const host = url.hostname.toLowerCase();
  const engine = ENGINES.find((e) => e.host.test(host));
  if (!engine) return { referrer, searchEngine: null, searchKeyword: null };
  const words = engine.params.map((p) => url.searchParams.get(p)?.trim()).find((w) => w);
  return { referrer, searchEngine: engine.name, searchKeyword: words || null };
}
