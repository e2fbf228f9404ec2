import { browserStorage, memoryStorage, type KeyValueStorage } from '@kefu/client';
import type { Bridge } from './embed.js';

/**
 * How long to wait for the loader's `storage` answer to `ready` before starting with
 * memory only (an old loader, or a page that frames the widget without the loader).
 */
const RELAY_TIMEOUT_MS = 1500;

/** Whether this document may use localStorage: third-party iframes often may not. */
function localStorageWorks(): boolean {
  try {
    const probe = '__kefu_probe__';
    localStorage.setItem(probe, probe);
    localStorage.removeItem(probe);
    return true;
  } catch {
    return false;
  }
}

/**
 * The widget's keys kept by the loader in the host page's localStorage: read from the
 * copy the loader sent, written through to it. Another tab's changes arrive as
 * `storage` frames and are applied to the copy.
 */
class RelayStorage implements KeyValueStorage {
  private readonly items = new Map<string, string>();

  constructor(private readonly bridge: Bridge) {}

  apply(items: Record<string, string | null>): void {
    for (const [key, value] of Object.entries(items)) {
      if (typeof value === 'string') this.items.set(key, value);
      else this.items.delete(key);
    }
  }

  get(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  set(key: string, value: string): void {
    this.items.set(key, value);
    this.bridge.store(key, value);
  }

  remove(key: string): void {
    this.items.delete(key);
    this.bridge.store(key, null);
  }
}

/**
 * Where the visitor token, the outbox and the read cursor live: the iframe's own
 * localStorage when the browser allows it; else, inside the loader's iframe, the host
 * page's localStorage through the bridge; else memory (the chat works, and forgets on
 * reload). Resolves once the storage holds what earlier pages stored.
 */
export function openStorage(bridge: Bridge): Promise<KeyValueStorage> {
  if (localStorageWorks()) return Promise.resolve(browserStorage());
  if (!bridge.embedded) return Promise.resolve(memoryStorage());
  const relay = new RelayStorage(bridge);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(relay), RELAY_TIMEOUT_MS);
    // Every `storage` frame updates the copy; the first (the answer to `ready`) lets the app start.
    bridge.onStorage((items) => {
      relay.apply(items);
      clearTimeout(timer);
      resolve(relay);
    });
  });
}
