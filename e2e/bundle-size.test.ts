import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/**
 * What the widget costs a customer's page, checked on the built files (npm test builds
 * first). Raise a budget only with a reason in the commit message.
 */
const BUDGETS_BYTES = {
  loaderRaw: 6 * 1024,
  loaderGzip: 3 * 1024,
  widgetJsGzip: 32 * 1024,
};

const root = path.resolve(import.meta.dirname, '..');
const gzipSize = (file: string) => gzipSync(fs.readFileSync(file)).length;

describe('bundle size budgets', () => {
  it('keeps widget.js, the script on every customer page, tiny', () => {
    const loader = path.join(root, 'apps/widget-loader/dist/widget.js');
    expect(fs.statSync(loader).size).toBeLessThanOrEqual(BUDGETS_BYTES.loaderRaw);
    expect(gzipSize(loader)).toBeLessThanOrEqual(BUDGETS_BYTES.loaderGzip);
  });

  it('keeps the chat iframe light (loaded on idle or first open)', () => {
    const assets = path.join(root, 'apps/widget/dist/assets');
    const js = fs.readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(0);
    const total = js.reduce((sum, f) => sum + gzipSize(path.join(assets, f)), 0);
    expect(total).toBeLessThanOrEqual(BUDGETS_BYTES.widgetJsGzip);
  });
});
