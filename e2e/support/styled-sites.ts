import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Rules a careless or hostile site might ship, aimed at everything the widget is made
 * of: every element, buttons, iframes, SVGs, custom elements, fixed positioning.
 */
const HOSTILE_CSS = `
* { box-sizing: content-box !important; font: italic 27px/3 "Comic Sans MS", cursive !important; color: #e11d48 !important;
    letter-spacing: 4px !important; transition: all 3s !important; animation: none !important; }
*, *::before, *::after { border-radius: 0 !important; box-shadow: 0 0 0 6px #facc15 !important; }
body > * { position: relative !important; z-index: 1 !important; transform: rotate(2deg) !important; opacity: .95 !important; }
div, span { display: inline !important; padding: 13px !important; margin: 7px !important; }
button { all: unset; background: #16a34a !important; border: 7px dashed #7c3aed !important; width: 12px !important; height: 12px !important;
    position: static !important; display: inline-block !important; visibility: visible !important; }
iframe { border: 9px solid #f97316 !important; width: 40px !important; height: 40px !important; position: static !important; display: block !important; }
svg, img { width: 200px !important; height: 200px !important; fill: red !important; stroke: lime !important; }
[class*="launcher"], [class*="badge"], [class*="panel"] { display: none !important; }
kefu-widget, kefu-widget * { display: none !important; visibility: hidden !important; }
:root { --accent: #000 !important; --kefu-color: #000 !important; }
`;

export type SiteStyle = 'plain' | 'hostile' | 'bootstrap' | 'tailwind';
export const SITE_STYLES: SiteStyle[] = ['plain', 'hostile', 'bootstrap', 'tailwind'];

function stylesheetOf(style: SiteStyle): string {
  switch (style) {
    case 'plain':
      return '';
    case 'hostile':
      return `<style>${HOSTILE_CSS}</style>`;
    case 'bootstrap':
      return `<link rel="stylesheet" href="/css/bootstrap.css">`;
    case 'tailwind':
      return `<link rel="stylesheet" href="/css/tailwind-preflight.css">`;
  }
}

const CSS_FILES: Record<string, string> = {
  '/css/bootstrap.css': require.resolve('bootstrap/dist/css/bootstrap.min.css'),
  '/css/tailwind-preflight.css': require.resolve('tailwindcss/preflight.css'),
};

export interface StyledSites {
  /** `/STYLE` embeds the widget; `/STYLE?widget=0` is the same page without it. */
  url(style: SiteStyle, withWidget?: boolean): string;
  close(): Promise<void>;
}

/**
 * A customer's shop page (another origin than Kefu's) with a choice of stylesheets:
 * none, hostile rules, Bootstrap 5, Tailwind's preflight. The page has what real shops
 * have: a nav, buttons, a form, an embedded video-like iframe, a fixed cookie bar.
 */
export async function serveStyledSites(kefuUrl: string, siteKey: string): Promise<StyledSites> {
  const page = (style: SiteStyle, withWidget: boolean) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Clay & Co. — ${style}</title>${stylesheetOf(style)}
</head><body>
<nav class="navbar"><a href="/">Clay &amp; Co.</a> <button type="button" class="btn btn-primary">Cart (2)</button></nav>
<main class="container">
  <h1>Hand-glazed ceramics</h1>
  <p>Browse our shop while you chat with us. Every piece is made in Jingdezhen.</p>
  <form><label>Email <input type="email" name="email"></label> <button type="submit" class="btn btn-secondary">Subscribe</button></form>
  <iframe title="Workshop video" srcdoc="<p>video</p>" width="320" height="180"></iframe>
  <div class="row"><div class="col">Mug ¥59</div><div class="col">Tea set ¥299</div></div>
</main>
<div class="cookie-bar" style="position:fixed;left:0;bottom:0;width:40%;padding:8px;background:#eee">We use cookies.</div>
${withWidget ? `<script src="${kefuUrl}/widget.js" data-site="${siteKey}" async></script>` : ''}
</body></html>`;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const css = CSS_FILES[url.pathname];
    if (css) {
      res.setHeader('content-type', 'text/css');
      res.end(fs.readFileSync(css));
      return;
    }
    const style = url.pathname.slice(1) as SiteStyle;
    if (!SITE_STYLES.includes(style)) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(page(style, url.searchParams.get('widget') !== '0'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (style, withWidget = true) => `http://localhost:${port}/${style}${withWidget ? '' : '?widget=0'}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
