import type { PreChatFieldKey } from '@kefu/protocol';

/**
 * The pre-chat and leave-a-message forms' rules, the same as the server's
 * (`profileUpdate` in the protocol's schemas): what the visitor is told here is what
 * the server would refuse, so a profile update is never dropped after the fact.
 */

export type FieldKey = PreChatFieldKey;
export type Values = Record<FieldKey, string>;
/** What is wrong with one field; the strings are under `t.errors`. */
export type FieldError = FieldKey | 'emailFormat' | 'phoneFormat' | 'contact';
export type Errors = Partial<Record<FieldKey, FieldError>>;

export const NAME_MAX_CHARS = 120;
export const EMAIL_MAX_CHARS = 254;
export const PHONE_MAX_CHARS = 32;

/** zod's "practical" email pattern, which the server applies. */
const EMAIL = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export function isEmail(value: string): boolean {
  const v = value.trim();
  return v.length <= EMAIL_MAX_CHARS && EMAIL.test(v);
}

/** Digits with the usual separators and an optional leading +; 5 to 20 digits. */
export function isPhone(value: string): boolean {
  const v = value.trim();
  if (v.length > PHONE_MAX_CHARS || !/^\+?[0-9 ()./-]+$/.test(v)) return false;
  const digits = v.replace(/\D/g, '').length;
  return digits >= 5 && digits <= 20;
}

export interface Rule {
  key: FieldKey;
  required: boolean;
}

/**
 * Errors of the fields shown, by field. `contactNeeded`: the leave-a-message form,
 * where email or phone (at least one) is required; its error sits on both fields.
 */
export function validate(values: Values, rules: readonly Rule[], contactNeeded = false): Errors {
  const errors: Errors = {};
  for (const { key, required } of rules) {
    const value = values[key].trim();
    if (!value) {
      if (required) errors[key] = key;
    } else if (key === 'email' && !isEmail(value)) {
      errors.email = 'emailFormat';
    } else if (key === 'phone' && !isPhone(value)) {
      errors.phone = 'phoneFormat';
    }
  }
  if (contactNeeded && !values.email.trim() && !values.phone.trim()) {
    errors.email = 'contact';
    errors.phone = 'contact';
  }
  return errors;
}

/** The profile fields the visitor filled in, trimmed; empty ones are left out (not cleared). */
export function profileOf(values: Values, keys: readonly FieldKey[]): { name?: string; email?: string; phone?: string } {
  const out: { name?: string; email?: string; phone?: string } = {};
  for (const key of keys) {
    const value = values[key].trim();
    if (key !== 'message' && value) out[key] = value;
  }
  return out;
}
