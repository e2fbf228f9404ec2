import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WIDGET_DEFAULTS } from '../sites/settings.js';
import { startServer, type TestServer } from '../test-support/server.js';
import { BOOT_ELEMENT_ID, injectBoot, type WidgetBoot } from './widget-page.js';

const HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <script type="module" crossorigin src="/widget/assets/index.js"></script>
  </head>
  <body><div id="app"></div></body>
</html>`;

/** What the widget does at start: the element's text, parsed. */
function readBoot(html: string): unknown {
  const match = new RegExp(`<script type="application/json" id="${BOOT_ELEMENT_ID}">([^<]*)</script>`).exec(html);
  return match ? JSON.parse(match[1]!) : undefined;
}

describe('injectBoot', () => {
  const boot: WidgetBoot = {
    siteKey: 'site_abc',
    config: { siteName: 'Clay & Co.', ...WIDGET_DEFAULTS, greeting: '</script><script>alert(1)</script><!-- 你好 \u2028' },
  };

  it('puts the payload before </head>, where the app script can read it at once', () => {
    const html = injectBoot(HTML, boot);
    expect(html.indexOf(`id="${BOOT_ELEMENT_ID}"`)).toBeGreaterThan(html.indexOf('src="/widget/assets/index.js"'));
    expect(html.indexOf(`id="${BOOT_ELEMENT_ID}"`)).toBeLessThan(html.indexOf('</head>'));
    expect(readBoot(html)).toEqual(boot);
  });

  it('escapes every < so that no value can close the element or open a comment', () => {
    const html = injectBoot(HTML, boot);
    const element = html.slice(html.indexOf(`id="${BOOT_ELEMENT_ID}"`), html.indexOf('</head>'));
    expect(element.match(/</g)).toHaveLength(1); // only the closing </script> of the element itself
    expect(element).toContain('\\u003c/script>');
    expect(html).not.toContain('<script>alert(1)');
  });

  it('paints the bar shown before the script runs in the site’s colour, and only a valid one', () => {
    expect(injectBoot(HTML, { ...boot, config: { ...boot.config!, color: '#0f766e' } })).toContain('<style>:root{--accent:#0f766e;--accent-strong:#0f766e}</style>');
    expect(injectBoot(HTML, { ...boot, config: { ...boot.config!, color: 'red;}</style><script>' } })).not.toContain('<style>');
    expect(injectBoot(HTML, { siteKey: 'nope', config: null })).not.toContain('<style>');
  });

  it('carries an unknown site as config null', () => {
    expect(readBoot(injectBoot(HTML, { siteKey: 'nope', config: null }))).toEqual({ siteKey: 'nope', config: null });
  });

  it('still inlines the payload before the body, or at the start, when the HTML has no </head>', () => {
    const noHead = '<!doctype html><body><script src="/widget/app.js"></script></body>';
    expect(injectBoot(noHead, boot).indexOf(BOOT_ELEMENT_ID)).toBeLessThan(injectBoot(noHead, boot).indexOf('<body>'));
    const bare = injectBoot('<p>bare</p>', boot);
    expect(bare.indexOf(`<script type="application/json" id="${BOOT_ELEMENT_ID}">`)).toBeLessThan(bare.indexOf('<p>bare</p>'));
    expect(readBoot(bare)).toEqual(boot);
  });
});

describe('the widget pages when the widget is not built', () => {
  let server: TestServer;
  let emptyRoot: string;
  beforeAll(async () => {
    emptyRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-no-build-'));
    server = await startServer({ config: { staticRoot: emptyRoot } });
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(emptyRoot, { recursive: true, force: true });
  });

  it.each([`/widget/?site=KEY`, '/widget/', '/widget/index.html?site=KEY', '/chat/KEY', '/chat/KEY/', '/chat/'])('%s says how to build it (503)', async (url) => {
    const res = await server.app.inject({ url: url.replace('KEY', server.siteKey) });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toContain('npm run build');
  });
});
