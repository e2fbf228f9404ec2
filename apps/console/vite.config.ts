import { defineConfig } from 'vite';

export default defineConfig({
  // Served by the Kefu server under /console/, on the same origin as the API.
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: {
    // @kefu/client and @kefu/protocol export their TypeScript under `source`: bundle that, not dist.
    conditions: ['source', 'browser', 'module', 'import', 'default'],
  },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
