import type { AckResult } from '@kefu/protocol';
import type { Socket } from 'socket.io-client';
import { KefuError } from './errors.js';

export const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Emits an event that takes an ack and resolves with the ack's data, or rejects with
 * a KefuError carrying the server's code (or TIMEOUT / DISCONNECTED).
 */
export function request<T>(socket: Socket, event: string, payload: unknown, timeoutMs = REQUEST_TIMEOUT_MS): Promise<T> {
  if (!socket.connected) return Promise.reject(new KefuError('DISCONNECTED', 'not connected'));
  return new Promise((resolve, reject) => {
    socket.timeout(timeoutMs).emit(event, payload, (err: Error | null, result: AckResult<T>) => {
      if (err) reject(new KefuError(socket.connected ? 'TIMEOUT' : 'DISCONNECTED', err.message));
      else if (result.ok) resolve(result.data);
      else reject(KefuError.from(result.error));
    });
  });
}
