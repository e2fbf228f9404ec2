import type { Logger } from 'pino';
import type { ExtendedError } from 'socket.io';
import { AppError, toWireError } from '../errors.js';

/** A refused handshake as Socket.IO's `connect_error`, with the wire error in `data`. */
export function refusal(err: unknown, log: Logger, what: string): ExtendedError {
  if (!(err instanceof AppError)) log.error({ err }, `${what} handshake failed`);
  const error: ExtendedError = new Error(err instanceof Error ? err.message : 'refused');
  error.data = toWireError(err);
  return error;
}
