import { ATTRIBUTES_MAX_KEYS, type VisitorAttributes, type VisitorProfile } from '@kefu/protocol';
import { AppError } from '../errors.js';
import type { VisitorRow } from '../storage/database.js';

/** Stored attributes; anything unreadable counts as none (a damaged row must not break the chat). */
export function parseAttributes(json: string): VisitorAttributes {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as VisitorAttributes) : {};
  } catch {
    return {};
  }
}

export const toProfile = (row: VisitorRow): VisitorProfile => ({
  name: row.name,
  email: row.email,
  phone: row.phone,
  // Only a verified identify ever sets user_id.
  userId: row.user_id,
  attributes: parseAttributes(row.attributes),
});

/**
 * `changes` merged into `stored`: a null value removes its key. The result must stay
 * within ATTRIBUTES_MAX_KEYS, else nothing is merged and the client is told why.
 */
export function mergeAttributes(stored: VisitorAttributes, changes: VisitorAttributes): VisitorAttributes {
  // A Map, not an object: a key such as "__proto__" is a key like any other.
  const merged = new Map(Object.entries(stored));
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) merged.delete(key);
    else merged.set(key, value);
  }
  const count = merged.size;
  if (count > ATTRIBUTES_MAX_KEYS) {
    throw new AppError('BAD_REQUEST', `attributes: a visitor may have at most ${ATTRIBUTES_MAX_KEYS} attributes; this update would make ${count} (set some to null to remove them)`, 'attributes');
  }
  return Object.fromEntries(merged);
}
