import { defineConfig } from 'vite';

/**
 * One classic script, `dist/widget.js`, that any page can load with `<script async>`:
 * an IIFE with no exports, so it defines no global of its own (it sets `window.Kefu`
 * itself, keeping the snippet's queue).
 */
export default defineConfig({
  resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Host pages are anyone's: stay parseable by browsers from 2020 on (optional chaining).
    target: 'es2020',
    minify: true,
    lib: {
      entry: 'src/main.ts',
      formats: ['iife'],
      name: 'KefuLoader',
      fileName: () => 'widget.js',
    },
  },
});
