import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from '../config.js';
import { waitFor } from './wait.js';

const MAIN = path.join(REPO_ROOT, 'apps/server/dist/main.js');
/** As `npm start` runs it (docs/deployment.md says why). */
export const NODE_FLAGS = ['--max-semi-space-size=64'];

export interface NodeProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  /**
   * Sends the signal and waits for the process to exit. `SIGKILL` is a crash: no
   * graceful shutdown, sockets cut, in-flight transactions lost. Resolves with the
   * exit code (null when killed by a signal).
   */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartNodeOptions {
  /** Listen on this port instead of a free one: a killed node can come back where clients expect it. */
  port?: number;
  /** How long to wait for /readyz; default 30 s. */
  readyTimeoutMs?: number;
}

/** A free TCP port on 127.0.0.1 (bound and released; fine for tests). */
export async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/**
 * Starts the built server (`npm run build` first) as its own process and waits until it is ready.
 * To restart a stopped node in place, pass the same `env` (database, data dir) and its `port`.
 */
export async function startNode(env: Record<string, string>, options: StartNodeOptions = {}): Promise<NodeProcess> {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does).`);
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...NODE_FLAGS, MAIN], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', KEFU_PUBLIC_URL: url, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const running = () => child.exitCode === null && child.signalCode === null;
  try {
    await waitFor(async () => {
      if (!running()) throw new Error(`server exited with ${child.exitCode ?? child.signalCode}:\n${out}`);
      return fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    }, `the server on ${url} to be ready`, options.readyTimeoutMs ?? 30_000);
  } catch (err) {
    // Never leave a half-started server behind.
    if (running()) child.kill('SIGKILL');
    throw err;
  }
  return {
    url,
    port,
    child,
    output: () => out,
    stop: async (signal = 'SIGTERM') => {
      if (running()) child.kill(signal);
      return exited;
    },
  };
}
