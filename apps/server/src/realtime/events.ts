import type { AckResult } from '@kefu/protocol';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { AppError, toWireError } from '../errors.js';
import { parse } from '../validate.js';

interface AnySocket {
  onAny(listener: (event: string, ...args: unknown[]) => void): unknown;
  emit(event: 'error', error: ReturnType<typeof toWireError>): unknown;
}

/** One client event: the schema of its payload, and what answers it on any socket of the namespace. */
export interface EventHandler<S> {
  schema: z.ZodType;
  run(socket: S, payload: unknown): Promise<unknown>;
}

/** A namespace's client events by name (each domain's socket.ts gives its share). */
export type Events<S> = Record<string, EventHandler<S>>;

/** An event's handler; the payload has its schema's type. */
export function on<S, Z extends z.ZodType, R>(schema: Z, run: (socket: S, payload: z.output<Z>) => Promise<R>): EventHandler<S> {
  return { schema, run: run as EventHandler<S>['run'] };
}

/**
 * Every client event of a namespace (the tables of its domains) at the server's edge:
 * validates the payload against its schema, runs its handler, and always answers on the
 * ack, with the result or an error code. A packet without an ack gets an `error` event
 * instead, and an event no table has a BAD_REQUEST. Nothing a client sends can throw
 * past this point.
 *
 * One listener per socket, the same function for all of them (Socket.IO calls it with
 * the socket as `this`), instead of a closure per event and socket: with 19,000 idle
 * visitors those closures were about 1.7 KB a connection (docs/benchmarks.md).
 */
export function answering<S extends AnySocket>(tables: Events<S>[], log: Logger): (socket: S) => void {
  const table = new Map<string, EventHandler<S>>();
  for (const [event, handler] of tables.flatMap((t) => Object.entries(t))) {
    // Two domains answering one event would leave one of them silently unused.
    if (table.has(event)) throw new Error(`two handlers for the client event ${event}`);
    table.set(event, handler);
  }
  async function answer(this: S, event: string, ...args: unknown[]): Promise<void> {
    const handler = table.get(event);
    const ack = args.at(-1);
    if (typeof ack !== 'function') {
      this.emit('error', { code: 'BAD_REQUEST', message: handler ? `${event} needs an acknowledgement callback` : `unknown event ${event}` });
      return;
    }
    const reply = ack as (result: AckResult<unknown>) => void;
    try {
      if (!handler) throw new AppError('BAD_REQUEST', `unknown event ${event}`);
      const payload = parse(handler.schema, args.length > 1 ? args[0] : undefined);
      reply({ ok: true, data: await handler.run(this, payload) });
    } catch (err) {
      if (!(err instanceof AppError)) log.error({ err, event }, 'socket handler failed');
      reply({ ok: false, error: toWireError(err) });
    }
  }
  return (socket) => socket.onAny(answer as never);
}
