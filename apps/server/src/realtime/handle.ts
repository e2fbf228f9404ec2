import type { AckResult } from '@kefu/protocol';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { AppError, toWireError } from '../errors.js';
import { parse } from '../validate.js';

interface AnySocket {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  emit(event: 'error', error: ReturnType<typeof toWireError>): unknown;
}

/**
 * Registers a client event at the server's edge: validates the payload against its
 * schema, runs the handler, and always answers on the ack, with the result or an
 * error code. A packet without an ack gets an `error` event instead. Nothing a client
 * sends can throw past this point.
 */
export function handle<S extends z.ZodType, R>(
  socket: AnySocket,
  event: string,
  schema: S,
  handler: (payload: z.output<S>) => Promise<R>,
  log: Logger,
): void {
  socket.on(event, async (...args: unknown[]) => {
    const ack = args.at(-1);
    if (typeof ack !== 'function') {
      socket.emit('error', { code: 'BAD_REQUEST', message: `${event} needs an acknowledgement callback` });
      return;
    }
    const reply = ack as (result: AckResult<R>) => void;
    try {
      const payload = parse(schema, args.length > 1 ? args[0] : undefined);
      reply({ ok: true, data: await handler(payload) });
    } catch (err) {
      if (!(err instanceof AppError)) log.error({ err, event }, 'socket handler failed');
      reply({ ok: false, error: toWireError(err) });
    }
  });
}
