import type { z } from 'zod';
import { AppError } from './errors.js';

/**
 * Parses a payload at the edge. A string over its length limit is PAYLOAD_TOO_LARGE
 * (the client must shorten it); anything else wrong is BAD_REQUEST, naming the field.
 */
export function parse<S extends z.ZodType>(schema: S, payload: unknown): z.output<S> {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  // A field the schema does not know is named like a wrong one: `identitySecret: unknown field`.
  if (issue.code === 'unrecognized_keys') {
    const path = [...issue.path, issue.keys[0]!].join('.');
    throw new AppError('BAD_REQUEST', `${path}: unknown field`, path);
  }
  const path = issue.path.join('.') || undefined;
  if (issue.code === 'too_big' && issue.origin === 'string') {
    throw new AppError('PAYLOAD_TOO_LARGE', `${path ?? 'payload'} is too long (max ${String(issue.maximum)})`, path);
  }
  throw new AppError('BAD_REQUEST', path ? `${path}: ${issue.message}` : issue.message, path);
}
