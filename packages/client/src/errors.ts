import { ERRORS, type ErrorAction, type ErrorCode, type WireError } from '@kefu/protocol';

/** Failures that happen on the client's side of the wire. */
export type ClientErrorCode = 'TIMEOUT' | 'DISCONNECTED';

export class KefuError extends Error {
  readonly code: ErrorCode | ClientErrorCode;
  readonly path: string | undefined;

  constructor(code: ErrorCode | ClientErrorCode, message: string, path?: string) {
    super(message);
    this.name = 'KefuError';
    this.code = code;
    this.path = path;
  }

  static from(error: WireError): KefuError {
    return new KefuError(error.code, error.message, error.path);
  }

  /** What to do about it; client-side failures are always worth retrying. */
  get action(): ErrorAction {
    return this.code === 'TIMEOUT' || this.code === 'DISCONNECTED' ? 'retry' : ERRORS[this.code].action;
  }
}
