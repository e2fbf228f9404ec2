import { useEffect, useState } from 'preact/hooks';
import { validate, type Errors, type FieldKey, type Rule, type Values } from '../validation.js';

const EMPTY: Values = { name: '', email: '', phone: '', message: '' };

/** Where a half-filled form survives the widget's reload on the host's next page. */
export interface FormStore {
  load(): Partial<Values>;
  save(values: Values | null): void;
}

export const fieldId = (key: FieldKey) => `f-${key}`;

/**
 * A form's values and errors. Errors appear on the first submit; from then on they
 * follow the input, so a fixed field stops being red as soon as it is right.
 */
export function useForm(store: FormStore, initial: Partial<Values>, rules: readonly Rule[], contactNeeded = false) {
  const [values, setValues] = useState<Values>(() => ({ ...EMPTY, ...initial, ...store.load() }));
  const [errors, setErrors] = useState<Errors>({});
  const [tried, setTried] = useState(false);

  // What the site told us may come after the form appeared (an identify reconnects):
  // it fills the fields the visitor has left empty, never one they typed in.
  const known = JSON.stringify(initial);
  useEffect(() => {
    setValues((current) => {
      const fill = Object.entries(initial).filter(([key, value]) => value && !current[key as FieldKey]);
      return fill.length ? { ...current, ...Object.fromEntries(fill) } : current;
    });
  }, [known]);

  function set(key: FieldKey, value: string) {
    const next = { ...values, [key]: value };
    setValues(next);
    store.save(next);
    if (tried) setErrors(validate(next, rules, contactNeeded));
  }

  /** Validates; when something is wrong, shows it and focuses the first wrong field. */
  function check(): boolean {
    const found = validate(values, rules, contactNeeded);
    setErrors(found);
    setTried(true);
    const first = rules.find((r) => found[r.key]);
    if (first) document.getElementById(fieldId(first.key))?.focus();
    return !first;
  }

  return { values, errors, set, check };
}
