import Database from 'better-sqlite3';
import pg from 'pg';

/** A bench message as the database holds it. */
export interface StoredRow {
  conversationId: string;
  seq: number;
  clientMsgId: string;
}

const QUERY = 'SELECT conversation_id, seq, client_msg_id FROM messages WHERE client_msg_id LIKE ';

/**
 * The rows whose clientMsgId starts with `prefix` (one run's, one phase's): read
 * from the SQLite file read-only, next to the running server, or from PostgreSQL.
 */
export async function readStored(where: { sqliteFile: string | null; databaseUrl: string | null }, prefix: string): Promise<StoredRow[]> {
  type Row = { conversation_id: string; seq: number | string; client_msg_id: string };
  let rows: Row[];
  if (where.databaseUrl) {
    const client = new pg.Client({ connectionString: where.databaseUrl });
    await client.connect();
    try {
      rows = (await client.query<Row>(`${QUERY}$1`, [`${prefix}%`])).rows;
    } finally {
      await client.end();
    }
  } else if (where.sqliteFile) {
    const db = new Database(where.sqliteFile, { readonly: true, fileMustExist: true });
    try {
      rows = db.prepare(`${QUERY}?`).all(`${prefix}%`) as Row[];
    } finally {
      db.close();
    }
  } else {
    throw new Error('no database to count stored messages in');
  }
  return rows.map((r) => ({ conversationId: r.conversation_id, seq: Number(r.seq), clientMsgId: r.client_msg_id }));
}
