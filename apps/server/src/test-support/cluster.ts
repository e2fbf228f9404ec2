import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { bootstrap } from '../workspace/bootstrap.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import { ADMIN } from './server.js';

export interface TestCluster {
  nodes: { app: FastifyInstance; url: string }[];
  siteKey: string;
  db: TestDatabase;
  close(): Promise<void>;
}

/**
 * Several Kefu nodes in this process on one fresh PostgreSQL database, their fan-out
 * through a real Redis: what a multi-node deployment shares, without building dist/
 * (realtime/multinode.test.ts runs the built server as processes).
 */
export async function startCluster(count: number, redisUrl: string, config: Partial<Config> = {}): Promise<TestCluster> {
  const db = await createTestDatabase('postgres');
  const base: Config = {
    ...loadConfig({}),
    port: 0,
    host: '127.0.0.1',
    databaseUrl: db.databaseUrl,
    dataDir: db.dataDir,
    redisUrl,
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    logLevel: 'silent',
    ...config,
  };
  const nodes: TestCluster['nodes'] = [];
  let siteKey = '';
  for (let i = 0; i < count; i++) {
    const app = await buildApp(base, pino({ level: process.env.KEFU_TEST_LOG ?? 'silent' }));
    if (i === 0) siteKey = (await bootstrap(app.kefu.storage, base)).siteKey;
    await app.listen({ port: 0, host: '127.0.0.1' });
    nodes.push({ app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` });
  }
  return {
    nodes,
    siteKey,
    db,
    async close() {
      for (const node of nodes) await node.app.close();
      await db.drop();
    },
  };
}
