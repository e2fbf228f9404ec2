import pino from 'pino';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { bootstrap } from './workspace/bootstrap.js';

/** How long in-flight work may take to finish after SIGTERM before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;
/**
 * Connections the kernel may hold for the node before it accepts them (capped by
 * net.core.somaxconn, 4096 on current Linux). Node's default of 511 overflowed in a
 * reconnect storm: a restarted node's visitors came back faster than a busy event loop
 * accepted them, and each dropped handshake waited out TCP's retransmits (1, 2, 4 ... s),
 * so the last of 19,000 were back after 75 s or more instead of 20 (docs/benchmarks.md).
 */
const LISTEN_BACKLOG = 4096;

async function main(): Promise<void> {
  const config = loadConfig(process.env, process.argv.slice(2));
  const log = pino({ level: config.logLevel });
  const app = await buildApp(config, log);
  const first = await bootstrap(app.kefu.storage, config);
  await app.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG });

  const where = config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`;
  log.info({ port: config.port, storage: app.kefu.storage.dialect, redis: Boolean(config.redisUrl) }, 'kefu listening');
  process.stdout.write(
    [
      '',
      `  Kefu is running on ${config.publicUrl} (${where}${config.redisUrl ? ', Redis fan-out' : ''})`,
      '',
      `  Console:   ${config.publicUrl}/console/`,
      `  Admin:     ${first.adminEmail}`,
      `  Password:  ${first.adminPassword ?? '(shown on first start; set KEFU_ADMIN_PASSWORD to reset it)'}`,
      `  Demo page: ${config.publicUrl}/demo`,
      `  Embed:     <script src="${config.publicUrl}/widget.js" data-site="${first.siteKey}" async></script>`,
      '',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: closing connections so clients reconnect elsewhere');
    setTimeout(() => {
      log.warn('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Kefu failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
