import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * What the widget costs a customer's page, measured on the built files. The loader
 * runs on every page of every customer's site; the chat UI loads on idle or first
 * open. Raise a budget only with a reason in the commit message.
 */
export const BUDGETS_BYTES = {
  /** widget.js, gzipped: everything the host page parses up front. */
  loaderGzip: 6 * 1024,
  /** The chat UI's JavaScript in the iframe, gzipped, including the realtime client. */
  widgetJsGzip: 60 * 1024,
};

const root = path.resolve(import.meta.dirname, '..', '..');

export interface BundleSizes {
  loaderRaw: number;
  loaderGzip: number;
  widgetJsRaw: number;
  widgetJsGzip: number;
  widgetCssGzip: number;
}

const gzipSize = (file: string) => gzipSync(fs.readFileSync(file), { level: 9 }).length;

/** Sizes of the built loader and widget; throws when they are not built. */
export function measureBundles(): BundleSizes {
  const loader = path.join(root, 'apps/widget-loader/dist/widget.js');
  const assets = path.join(root, 'apps/widget/dist/assets');
  if (!fs.existsSync(loader) || !fs.existsSync(assets)) throw new Error('not built: run `npm run build` first');
  const files = (ext: string) => fs.readdirSync(assets).filter((f) => f.endsWith(ext)).map((f) => path.join(assets, f));
  const js = files('.js');
  if (js.length === 0) throw new Error('the widget has no JavaScript in dist/assets');
  const sum = (list: string[], size: (f: string) => number) => list.reduce((total, f) => total + size(f), 0);
  return {
    loaderRaw: fs.statSync(loader).size,
    loaderGzip: gzipSize(loader),
    widgetJsRaw: sum(js, (f) => fs.statSync(f).size),
    widgetJsGzip: sum(js, gzipSize),
    widgetCssGzip: sum(files('.css'), gzipSize),
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** `npm run size`: prints both bundles against their budgets; returns the exit code. */
export function report(): number {
  const s = measureBundles();
  const rows = [
    ['widget.js (loader)', kb(s.loaderRaw), kb(s.loaderGzip), kb(BUDGETS_BYTES.loaderGzip), s.loaderGzip <= BUDGETS_BYTES.loaderGzip],
    ['chat UI JS (iframe)', kb(s.widgetJsRaw), kb(s.widgetJsGzip), kb(BUDGETS_BYTES.widgetJsGzip), s.widgetJsGzip <= BUDGETS_BYTES.widgetJsGzip],
  ] as const;
  console.log('bundle                 minified   gzipped   budget (gzip)');
  for (const [name, raw, gz, budget, ok] of rows) {
    console.log(`${name.padEnd(22)} ${raw.padStart(8)} ${gz.padStart(9)} ${budget.padStart(9)}  ${ok ? 'ok' : 'OVER BUDGET'}`);
  }
  console.log(`chat UI CSS (iframe), gzipped: ${kb(s.widgetCssGzip)}`);
  return rows.every((r) => r[4]) ? 0 : 1;
}
