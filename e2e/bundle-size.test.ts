import { describe, expect, it } from 'vitest';
import { BUDGETS_BYTES, measureBundles } from './support/bundles.js';

describe('bundle size budgets (npm run size prints them)', () => {
  const sizes = measureBundles();

  it('keeps widget.js, the script on every customer page, within its gzip budget', () => {
    expect(sizes.loaderGzip).toBeLessThanOrEqual(BUDGETS_BYTES.loaderGzip);
  });

  it('keeps the chat iframe, realtime client included, within its gzip budget', () => {
    expect(sizes.widgetJsGzip).toBeLessThanOrEqual(BUDGETS_BYTES.widgetJsGzip);
  });
});
