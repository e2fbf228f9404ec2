import { browserStorage, memoryStorage, type KeyValueStorage } from '@kefu/client';
import type { Bridge } from './embed.js';

/**
 * How long to wait for the loader's `init` answer to `ready` before starting without
 * it (a page that frames the widget without the loader).
 */
const INIT_TIMEOUT_MS = 1500;

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
 * Resolves once the loader's `init` arrived (or did not, in time): by then the bridge
 * knows the page's identity, attributes and locale, so the client connects once, as
 * the right visitor. Outside an iframe there is nothing to wait for.
 */
export function whenInitialised(bridge: Bridge): Promise<Record<string, string> | null> {
  if (!bridge.embedded) return Promise.resolve(null);
  return Promise.race([bridge.initialised, new Promise<null>((resolve) => setTimeout(() => resolve(null), INIT_TIMEOUT_MS))]);
}

/**
 * Where the visitor token, the outbox and the read cursor live: the iframe's own
 * localStorage when the browser allows it; else, inside the loader's iframe, the host
 * page's localStorage through the bridge (seeded with the items of `init`); else
 * memory (the chat works, and forgets on reload).
 */
export function openStorage(bridge: Bridge, relayed: Record<string, string> | null): KeyValueStorage {
  if (localStorageWorks()) return browserStorage();
  if (!bridge.embedded || !relayed) return memoryStorage();
  const relay = new RelayStorage(bridge);
  relay.apply(relayed);
  // Other tabs' changes (and the items of a later `init`) keep the copy current.
  bridge.on('storage', (items) => relay.apply(items));
  return relay;
}
