// `npm run chaos` entry point: Node 20 runs no TypeScript, so register hooks that
// transpile the suite's .ts on the fly (see ts-hooks.mjs), then run run.ts.
import { register } from 'node:module';

process.setSourceMapsEnabled(true);
register('./ts-hooks.mjs', import.meta.url);
await import('./run.ts');
