import type { VisitorClient } from '@kefu/client';
import type { Bridge } from './embed.js';

/**
 * Passes what the host page says (`Kefu('identify' | 'set' | 'shutdown')`, its page
 * views) to the client, and agents' messages back to the loader for its sound and
 * title flash. The bridge's state at start-up (the `init` frame, when it came before
 * the app) is applied once here; its identity went into the client's options, so the
 * first connection is already the right user's.
 */
export function syncHost(bridge: Bridge, client: VisitorClient): void {
  const { attributes, page, identity } = bridge.host;
  if (Object.keys(attributes).length) client.updateProfile({ attributes });
  if (page) client.pageView(page);

  // The history that a first sync replays is not news: only messages that come once the
  // client is ready (or that it missed while reconnecting) are. A new identity is a new
  // visitor whose history is replayed again.
  let primed = false;
  let lastIdentity = JSON.stringify(identity);
  client.on('state', (state) => {
    if (state === 'ready') primed = true;
  });
  client.on('message', (message) => {
    if (primed) bridge.message({ body: message.body, senderName: message.senderName, createdAt: message.createdAt });
  });

  bridge.on('identity', (next) => {
    const key = JSON.stringify(next);
    if (key === lastIdentity) return;
    lastIdentity = key;
    primed = false;
    client.identify(next);
  });
  bridge.on('attributes', (changed) => {
    if (Object.keys(changed).length) client.updateProfile({ attributes: changed });
  });
  bridge.on('page', (view) => client.pageView(view));
  bridge.on('shutdown', () => {
    lastIdentity = 'null';
    primed = false;
    client.forget();
  });
}
