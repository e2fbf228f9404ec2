import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Dialect } from '../storage/connect.js';

/**
 * Case-insensitive substring search that answers the same on SQLite and PostgreSQL.
 * SQLite's lower() folds ASCII only (without the ICU extension) while PostgreSQL's
 * folds all of Unicode; folding ASCII only on both keeps one behaviour everywhere
 * (Chinese has no case; accented capitals then match only as typed).
 */
export function foldAscii(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** `%needle%` with LIKE's wildcards (and the escape character itself) taken literally. */
export function likePattern(needle: string): string {
  return `%${foldAscii(needle).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `column` contains the pattern made by likePattern(), ASCII case folded. */
export function containsFolded(dialect: Dialect, column: Expression<string | null>, pattern: string): RawBuilder<SqlBool> {
  const folded =
    dialect === 'postgres'
      ? sql`translate(${column}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`
      : sql`lower(${column})`;
  return sql<SqlBool>`${folded} like ${pattern} escape '\\'`;
}
