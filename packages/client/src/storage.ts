/** Where the SDK keeps the visitor token and the outbox between page loads. */
export interface KeyValueStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    get: (key) => map.get(key) ?? null,
    set: (key, value) => void map.set(key, value),
    remove: (key) => void map.delete(key),
  };
}

/**
 * localStorage when the browser lets us use it (it throws in some private modes and
 * sandboxed iframes), memory otherwise: the chat still works, it only forgets on reload.
 */
export function browserStorage(): KeyValueStorage {
  try {
    const probe = '__kefu_probe__';
    globalThis.localStorage.setItem(probe, probe);
    globalThis.localStorage.removeItem(probe);
  } catch {
    return memoryStorage();
  }
  const ls = globalThis.localStorage;
  return {
    get: (key) => ls.getItem(key),
    set: (key, value) => {
      try {
        ls.setItem(key, value);
      } catch {
        // Quota exceeded: the value lives on in memory only for this page.
      }
    },
    remove: (key) => ls.removeItem(key),
  };
}

export function defaultStorage(): KeyValueStorage {
  return typeof globalThis.localStorage === 'undefined' ? memoryStorage() : browserStorage();
}
