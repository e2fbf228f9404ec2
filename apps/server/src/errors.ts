import { ERRORS, type ErrorCode, type WireError } from '@kefu/protocol';

/** An error with a catalogue code: thrown by services, turned into an ack or an HTTP reply at the edge. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly path: string | undefined;

  constructor(code: ErrorCode, message: string = ERRORS[code].message, path?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.path = path;
  }

  get status(): number {
    return ERRORS[this.code].status;
  }

  toWire(): WireError {
    return { code: this.code, message: this.message, ...(this.path ? { path: this.path } : {}) };
  }
}

/** Any thrown value as a wire error; unknown failures become INTERNAL without leaking details. */
export function toWireError(err: unknown): WireError {
  return err instanceof AppError ? err.toWire() : { code: 'INTERNAL', message: ERRORS.INTERNAL.message };
}
