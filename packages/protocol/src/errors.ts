/**
 * The one catalogue of error codes. Every code says what a client should do:
 * `retry` (try the same thing again later), `fix` (the request itself is wrong;
 * resending it will fail again), or `reauth` (sign in or obtain a new token).
 */
export const ERRORS = {
  BAD_REQUEST: { status: 400, action: 'fix', message: 'The payload is malformed.' },
  PAYLOAD_TOO_LARGE: { status: 413, action: 'fix', message: 'The payload is too large.' },
  UNAUTHENTICATED: { status: 401, action: 'reauth', message: 'Sign in first.' },
  INVALID_CREDENTIALS: { status: 401, action: 'fix', message: 'Wrong email or password.' },
  ACCOUNT_DISABLED: { status: 403, action: 'fix', message: 'This account is deactivated; ask an owner or admin of your workspace.' },
  FORBIDDEN: { status: 403, action: 'fix', message: 'You may not do this.' },
  CSRF_REJECTED: { status: 403, action: 'fix', message: 'Cross-site request refused.' },
  ORIGIN_NOT_ALLOWED: { status: 403, action: 'fix', message: "This page's origin is not allowed for the site." },
  IDENTITY_REJECTED: { status: 403, action: 'fix', message: "The identify hash does not match the user id (HMAC-SHA256 of it with the site's identity secret)." },
  SITE_NOT_FOUND: { status: 404, action: 'fix', message: 'No site has this key.' },
  NOT_FOUND: { status: 404, action: 'fix', message: 'Not found.' },
  CONFLICT: { status: 409, action: 'fix', message: 'This conflicts with the current state.' },
  CONVERSATION_CLOSED: { status: 409, action: 'fix', message: 'The conversation is closed.' },
  PROTOCOL_UNSUPPORTED: { status: 426, action: 'fix', message: 'Protocol version not supported; reload the page.' },
  RATE_LIMITED: { status: 429, action: 'retry', message: 'Too many requests; slow down.' },
  INTERNAL: { status: 500, action: 'retry', message: 'Internal error.' },
  NOT_READY: { status: 503, action: 'retry', message: 'The server is not ready.' },
} as const satisfies Record<string, { status: number; action: ErrorAction; message: string }>;

export type ErrorAction = 'retry' | 'fix' | 'reauth';
export type ErrorCode = keyof typeof ERRORS;

/** The error shape on the wire: in socket acks, `connect_error` data and REST bodies. */
export interface WireError {
  code: ErrorCode;
  message: string;
  /** Which field of the payload was wrong, when the server can tell. */
  path?: string;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERRORS, value);
}
