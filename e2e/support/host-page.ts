import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostPage {
  url: string;
  close(): Promise<void>;
}

/**
 * A customer's website on another origin (localhost vs Kefu's 127.0.0.1), embedding
 * the snippet exactly as the README tells site owners to. `/other` is a second page
 * of the same site, for navigation.
 */
export async function serveHostPage(kefuUrl: string, siteKey: string, extraHead = ''): Promise<HostPage> {
  const page = (title: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>${extraHead}
<style>body{font:16px/1.5 Georgia,serif;margin:0;padding:40px;background:#fffdf7;color:#222}h1{margin-top:0}</style>
</head><body>
<h1>${title}</h1>
<p>Handmade ceramics, shipped worldwide. Browse our shop while you chat with us.</p>
<p><a href="/other">Another page</a></p>
<script src="${kefuUrl}/widget.js" data-site="${siteKey}" async></script>
</body></html>`;
  const server = http.createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(page(req.url === '/other' ? 'Our story' : 'Clay & Co. pottery'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
