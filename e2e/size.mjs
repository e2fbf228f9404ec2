// `npm run size` entry point: Node 20 runs no TypeScript, so reuse the chaos suite's
// transpiling hooks to run the same budget module the bundle-size test uses.
import { register } from 'node:module';

register('../bench/chaos/ts-hooks.mjs', import.meta.url);
const { report } = await import('./support/bundles.ts');
process.exitCode = report();
