import { defineConfig } from 'vite';

/** The chat UI inside Kefu's iframe, served by the server at /widget/. */
export default defineConfig({
  base: '/widget/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  // @kefu/client and @kefu/protocol export their TypeScript under `source`: bundle
  // that, not their Node build.
  resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // One small app: a single JS chunk loads faster than a waterfall.
    modulePreload: { polyfill: false },
  },
});
