// Renders the console's app icons (public/icons/*.png) from the logo's SVG with the
// Chromium the tests use: no network, no image library. Run after changing the logo:
//   node apps/console/scripts/make-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const out = path.join(import.meta.dirname, '..', 'public', 'icons');
const BUBBLE = 'M9 11.5A3.5 3.5 0 0 1 12.5 8h7A3.5 3.5 0 0 1 23 11.5v5a3.5 3.5 0 0 1-3.5 3.5H15l-4.5 4v-4.3A3.5 3.5 0 0 1 9 16.5z';
// "any": the logo as in the console. "maskable": full-bleed, the glyph inside the 80% safe zone.
const logo = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#2563eb"/><path d="${BUBBLE}" fill="#fff"/></svg>`;
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#2563eb"/><g transform="translate(16 16.4) scale(0.72) translate(-16 -16)"><path d="${BUBBLE}" fill="#fff"/></g></svg>`;
const icons = [
  ['icon-192.png', logo, 192],
  ['icon-512.png', logo, 512],
  ['maskable-512.png', maskable, 512],
  ['apple-touch-icon.png', maskable, 180],
];

const browser = await chromium.launch({ executablePath: process.env.KEFU_CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
fs.mkdirSync(out, { recursive: true });
for (const [name, svg, size] of icons) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  await page.screenshot({ path: path.join(out, name), omitBackground: true });
  await page.close();
}
await browser.close();
console.log(`wrote ${icons.length} icons to ${out}`);
