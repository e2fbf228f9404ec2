import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import type { Dialect } from '../storage/connect.js';
import { bootstrap } from '../workspace/bootstrap.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

export const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };

export interface TestServer {
  app: FastifyInstance;
  url: string;
  siteKey: string;
  config: Config;
  db: TestDatabase;
  close(): Promise<void>;
}

/** A real Kefu on a free port with a fresh database, bootstrapped with ADMIN. */
export async function startServer(options: { dialect?: Dialect; redisUrl?: string; config?: Partial<Config> } = {}): Promise<TestServer> {
  const db = await createTestDatabase(options.dialect ?? 'sqlite');
  const config: Config = {
    ...loadConfig({}),
    port: 0,
    host: '127.0.0.1',
    databaseUrl: db.databaseUrl,
    dataDir: db.dataDir,
    redisUrl: options.redisUrl ?? null,
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    logLevel: 'silent',
    ...options.config,
  };
  const app = await buildApp(config, pino({ level: process.env.KEFU_TEST_LOG ?? 'silent' }));
  const { siteKey } = await bootstrap(app.kefu.storage, config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    siteKey,
    config,
    db,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
