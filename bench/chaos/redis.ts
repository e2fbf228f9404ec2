import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../apps/server/src/test-support/process.js';

/** How long redis-server may take to accept connections. */
const REDIS_START_TIMEOUT_MS = 10_000;

/**
 * A private redis-server child (never the shared one: the suite kills it), with no
 * persistence, as Kefu uses Redis for fan-out only. `kill()` is a crash; `start()`
 * brings it back empty on the same port.
 */
export class RedisChild {
  private child: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  static async start(): Promise<RedisChild> {
    const redis = new RedisChild(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get up(): boolean {
    return this.child !== null;
  }

  async start(): Promise<void> {
    if (this.child) return;
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'];
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`redis-server did not start in ${REDIS_START_TIMEOUT_MS} ms:\n${out}`)), REDIS_START_TIMEOUT_MS);
      const fail = (err: Error) => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        this.child = null;
        reject(err);
      };
      child.once('error', (err) => fail(new Error(`cannot run redis-server (is it installed?): ${err.message}`)));
      child.once('exit', (code) => fail(new Error(`redis-server exited with ${code}:\n${out}`)));
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Ready to accept connections')) {
          clearTimeout(timer);
          child.removeAllListeners('exit');
          resolve();
        }
      });
      child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    });
  }

  /** SIGKILL: every connection cut, every subscription gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}
