import { ATTRIBUTE_KEY_MAX_CHARS, ATTRIBUTE_VALUE_MAX_CHARS, ATTRIBUTES_MAX_KEYS, type BridgeIdentity } from '@kefu/protocol';
import { EVENTS, type Attributes, type EventName, type Listener, type Widget } from './widget.js';

/**
 * `Kefu(command, ...args)`: the page's calls, checked here because they come from
 * anyone's code. A bad call does nothing but say why in the console
 * (`[kefu] Kefu('identify'): id must be ...`); an unknown command is a warning.
 */

const KEY = new RegExp(`^[\\w.-]{1,${ATTRIBUTE_KEY_MAX_CHARS}}$`);

/** Always null, so that a check can `return fail(...)`. */
const fail = (command: string, problem: string): null => (console.error(`[kefu] Kefu('${command}'): ${problem}`), null);

/** A value as a console message shows it: 'text', 42, [object Date]. */
const show = (value: unknown): string =>
  typeof value === 'string' ? `'${value}'` : (value && typeof value === 'object') || typeof value === 'function' ? Object.prototype.toString.call(value) : String(value);

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  const proto = typeof value === 'object' && value !== null && Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

function toIdentity(value: unknown): BridgeIdentity | null {
  if (!isPlainObject(value)) return fail('identify', `expected {id, name?, email?, hash?}, got ${show(value)}`);
  const { id } = value;
  if (!((typeof id === 'string' && id.trim()) || (typeof id === 'number' && Number.isFinite(id)))) {
    return fail('identify', `id must be a non-empty string or a number, got ${show(id)}`);
  }
  const identity: BridgeIdentity = { userId: String(id) };
  for (const key of ['name', 'email', 'hash'] as const) {
    const field = value[key];
    if (typeof field === 'string') identity[key] = field;
    else if (field != null) return fail('identify', `${key} must be a string, got ${show(field)}`);
  }
  return identity;
}

/** `value` if every entry is a valid attribute and the total stays within the limit. */
function toAttributes(value: unknown, known: Attributes): Attributes | null {
  if (!isPlainObject(value)) return fail('set', `expected an object of attributes, got ${show(value)}`);
  for (const [key, v] of Object.entries(value)) {
    if (!KEY.test(key)) return fail('set', `key ${show(key)}: 1-${ATTRIBUTE_KEY_MAX_CHARS} letters, digits, _ . - expected`);
    if (!(v === null || typeof v === 'boolean' || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) {
      return fail('set', `'${key}' must be a string, a finite number, a boolean or null, got ${show(v)}`);
    }
    if (typeof v === 'string' && v.length > ATTRIBUTE_VALUE_MAX_CHARS) return fail('set', `'${key}' is longer than ${ATTRIBUTE_VALUE_MAX_CHARS} characters`);
  }
  if (Object.keys({ ...known, ...value }).length > ATTRIBUTES_MAX_KEYS) return fail('set', `at most ${ATTRIBUTES_MAX_KEYS} attributes`);
  return { ...(value as Attributes) };
}

export function run(widget: Widget, call: unknown[]): void {
  const [command, a, b] = call;
  switch (command) {
    case 'open':
    case 'close':
    case 'toggle':
    case 'shutdown':
      return widget[command]();
    case 'identify': {
      const identity = toIdentity(a);
      if (identity) widget.identify(identity);
      return;
    }
    case 'set': {
      const attributes = toAttributes(a, widget.attributes());
      if (attributes) widget.set(attributes);
      return;
    }
    case 'locale':
      if (a === 'en' || a === 'zh-CN') widget.locale(a);
      else fail(command, `expected 'zh-CN' or 'en', got ${show(a)}`);
      return;
    case 'on':
    case 'off':
      if (!EVENTS.includes(a as EventName)) fail(command, `unknown event ${show(a)}; the events are ${EVENTS.join(', ')}`);
      else if (typeof b !== 'function') fail(command, `the listener must be a function, got ${show(b)}`);
      else widget[command](a as EventName, b as Listener);
      return;
    default:
      console.warn(`[kefu] unknown command: ${show(command)}`);
  }
}
