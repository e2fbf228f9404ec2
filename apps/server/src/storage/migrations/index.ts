import type { Migration } from 'kysely';
import * as initial from './0001_initial.js';
import * as readCursors from './0002_read_cursors.js';

/** Every migration, in order. Names sort; never rename or edit a shipped one. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_read_cursors': readCursors,
};
