import * as schemas from '@kefu/protocol/schemas';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { answering, on } from './events.js';

describe("a namespace's event tables", () => {
  it('refuses two domains answering the same event', () => {
    const hello = on(schemas.empty, async () => ({}));
    expect(() => answering([{ 'session.hello': hello }, { 'session.hello': hello }], pino({ level: 'silent' }))).toThrow('two handlers for the client event session.hello');
  });
});
