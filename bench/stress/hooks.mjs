// `node --import ./hooks.mjs x.ts`: lets the bench's worker and relay processes run
// their .ts sources under Node 20, with the hooks chaos uses (see ../chaos/ts-hooks.mjs).
import { register } from 'node:module';

process.setSourceMapsEnabled(true);
register('../chaos/ts-hooks.mjs', import.meta.url);
