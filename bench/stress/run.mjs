// `npm run bench` entry point: Node 20 runs no TypeScript, so register hooks that
// transpile the bench's .ts on the fly (see hooks.mjs), then run run.ts.
import './hooks.mjs';

await import('./run.ts');
