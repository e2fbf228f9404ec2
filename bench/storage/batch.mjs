// The message batch alone, on SQLite, without sockets: what one batch of people's
// messages costs the writer's thread, per message, and how many pages of the log it
// writes. The stress bench says whether Kefu keeps up; this says where the SQLite
// thread's share goes, in seconds instead of minutes, and is how schema and SQL
// changes are tried (docs/benchmarks.md, "The batch alone").
//
//   npm run bench:batch -- [--conversations 2000] [--agents 50] [--batch 25] [--history 20] [--seconds 5]
//
// It runs the node's own migrations, pragmas and batch steps (apps/server/dist) on a
// fresh file: conversations are seeded with history first, so that indexes have depth.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { storeBatchSteps } from '../../apps/server/dist/messages/batch-steps.mjs';
import { migrate } from '../../apps/server/dist/storage/connect.js';
import { configureWriter } from '../../apps/server/dist/storage/sqlite/pragmas.mjs';
import { runStepsNow } from '../../apps/server/dist/storage/steps.mjs';

const { values } = parseArgs({
  options: {
    conversations: { type: 'string', default: '2000' },
    agents: { type: 'string', default: '50' },
    batch: { type: 'string', default: '25' },
    history: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '5' },
  },
});
const conversations = Number(values.conversations);
const agents = Number(values.agents);
const batchSize = Number(values.batch);
const history = Number(values.history);
const seconds = Number(values.seconds);
for (const [name, n] of Object.entries({ conversations, agents, batch: batchSize, seconds })) {
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number of at least 1`);
}
if (batchSize > conversations) throw new Error('--batch must not exceed --conversations (one message per conversation per batch)');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-batch-'));
const db = new SQLite(path.join(dir, 'kefu.db'));
configureWriter(db);
await migrate(new Kysely({ dialect: new SqliteDialect({ database: db }) }));

/** The thread's statement cache, as thread.mjs keeps it (compiling is not what is measured). */
const statements = new Map();
const rowsOf = ({ sql, parameters }) => {
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  if (statement.reader) return statement.all(parameters);
  statement.run(parameters);
  return [];
};

const now = Date.now();
const seed = db.transaction(() => {
  db.prepare('insert into workspaces (id, name, created_at) values (?, ?, ?)').run('w', 'bench', now);
  db.prepare("insert into sites (id, workspace_id, public_key, name, allowed_origins, created_at) values ('s', 'w', 'k', 'bench', '[]', ?)").run(now);
  const agent = db.prepare("insert into agents (id, workspace_id, email, name, password_hash, role, created_at) values (?, 'w', ?, ?, 'x', 'agent', ?)");
  for (let a = 0; a < agents; a++) agent.run(`a${a}`, `a${a}@bench`, `Agent ${a}`, now);
  const visitor = db.prepare("insert into visitors (id, site_id, token_hash, created_at, last_seen_at) values (?, 's', ?, ?, ?)");
  const conversation = db.prepare("insert into conversations (id, workspace_id, site_id, visitor_id, status, assignee_id, created_at) values (?, 'w', 's', ?, 'open', ?, ?)");
  for (let c = 0; c < conversations; c++) {
    visitor.run(`v${c}`, `t${c}`, now, now);
    conversation.run(`c${c}`, `v${c}`, `a${c % agents}`, now);
  }
});
seed();

let sent = 0;
/** The ids are time-ordered like the node's (ids.ts: newOrderedId), so the primary key grows at its end. */
const orderedId = () => `${Date.now().toString(36).padStart(9, '0')}${(sent++).toString(36).padStart(8, '0')}`;
const pending = (c, senderType) => ({
  id: orderedId(),
  conversationId: `c${c}`,
  // Time-ordered, as real clients make them (packages/client/src/ids.ts).
  clientMsgId: orderedId(),
  senderType,
  senderId: senderType === 'visitor' ? `v${c}` : `a${c % agents}`,
  agentName: null,
  body: 'Hello, is the blue one still available in medium? I would like to order two.',
  preview: 'Hello, is the blue one still available in medium? I would like to order two.',
  createdAt: Date.now(),
  allowed: senderType === 'visitor' ? { visitorId: `v${c}` } : { workspaceId: 'w' },
});

/** One batch: distinct conversations picked at random, visitors and agents taking turns. */
function batch() {
  const picked = new Set();
  while (picked.size < batchSize) picked.add(Math.floor(Math.random() * conversations));
  return [...picked].map((c, i) => pending(c, i % 2 === 0 ? 'visitor' : 'agent'));
}

const store = (messages) => db.transaction(() => runStepsNow(storeBatchSteps('sqlite', messages), rowsOf)).immediate();
/** The log's pages since the last call (PASSIVE only counts them here: nothing else writes), then the log starts over, as the node's checkpointer makes it. */
const logFrames = () => {
  const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)');
  db.pragma('wal_checkpoint(RESTART)');
  return log;
};

// History first, stored the same way (not measured): every conversation has some.
for (let round = 0; round < history; round++) {
  for (let c = 0; c < conversations; c += batchSize) {
    store(Array.from({ length: Math.min(batchSize, conversations - c) }, (_, i) => pending(c + i, i % 2 === 0 ? 'visitor' : 'agent')));
  }
  logFrames();
}

/** Each second: µs of this thread per message, and log pages (frames) per message. */
const perSecond = [];
for (let s = 0; s < seconds; s++) {
  let messages = 0;
  let frames = 0;
  let busy = 0;
  const end = performance.now() + 1_000;
  while (performance.now() < end) {
    // A checkpoint every ten batches, outside the time measured (the node's checkpointer runs on another thread).
    for (let i = 0; i < 10; i++) {
      const b = batch();
      const start = performance.now();
      store(b);
      busy += performance.now() - start;
      messages += b.length;
    }
    frames += logFrames();
  }
  perSecond.push({ usPerMessage: (busy * 1_000) / messages, pagesPerMessage: frames / messages, messages });
}
db.close();
fs.rmSync(dir, { recursive: true, force: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const us = median(perSecond.map((r) => r.usPerMessage));
const pages = median(perSecond.map((r) => r.pagesPerMessage));
console.log(`batch of ${batchSize} over ${conversations} conversations (${history} messages of history each), ${seconds} s`);
console.log(`per message: ${us.toFixed(1)} µs of the writer's thread (median of ${seconds} s), ${pages.toFixed(2)} log pages`);
console.log(`each second: ${perSecond.map((r) => r.usPerMessage.toFixed(1)).join(' ')} µs`);
