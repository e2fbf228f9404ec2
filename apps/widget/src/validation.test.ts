import { describe, expect, it } from 'vitest';
import { isEmail, isPhone, profileOf, validate, type Values } from './validation.js';

const empty: Values = { name: '', email: '', phone: '', message: '' };
const OFFLINE = [
  { key: 'name', required: true },
  { key: 'email', required: false },
  { key: 'phone', required: false },
  { key: 'message', required: true },
] as const;

describe('form rules', () => {
  it('accepts the emails and phones the server accepts', () => {
    for (const email of ['ann@example.com', 'li.lei+shop@mail.example.cn', "o'neil@x.io"]) expect(isEmail(email), email).toBe(true);
    for (const email of ['ann', 'ann@', 'ann@example', '@example.com', 'a b@example.com', 'ann@example.c', '.ann@example.com']) expect(isEmail(email), email).toBe(false);
    for (const phone of ['+86 138 0013 8000', '(555) 123-4567', '12345', '020.1234.5678']) expect(isPhone(phone), phone).toBe(true);
    for (const phone of ['1234', 'call me', '+1 555 CALL', '1'.repeat(21), '++12345']) expect(isPhone(phone), phone).toBe(false);
  });

  it('asks for name, message and a way to reply in the leave-a-message form', () => {
    expect(validate(empty, OFFLINE, true)).toEqual({ name: 'name', email: 'contact', phone: 'contact', message: 'message' });
    expect(validate({ ...empty, name: 'Ann', message: 'Hi', phone: '+86 138 0013 8000' }, OFFLINE, true)).toEqual({});
    expect(validate({ ...empty, name: 'Ann', message: 'Hi', email: 'ann@example.com' }, OFFLINE, true)).toEqual({});
  });

  it('checks the format of what was typed, even in optional fields', () => {
    expect(validate({ name: 'Ann', email: 'ann@', phone: '12', message: 'Hi' }, OFFLINE, true)).toEqual({ email: 'emailFormat', phone: 'phoneFormat' });
  });

  it('treats blanks as empty and only the configured fields as required', () => {
    const rules = [
      { key: 'email', required: true },
      { key: 'name', required: false },
    ] as const;
    expect(validate({ ...empty, name: '   ', email: '  ' }, rules)).toEqual({ email: 'email' });
  });

  it('sends only the profile fields that were filled, trimmed', () => {
    expect(profileOf({ name: ' Ann ', email: '', phone: '12345', message: 'Hi' }, ['name', 'email', 'phone', 'message'])).toEqual({ name: 'Ann', phone: '12345' });
  });
});
