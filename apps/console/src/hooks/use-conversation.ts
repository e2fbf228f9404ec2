import type { AgentClient, ChatItem } from '@kefu/client';
import { useEffect, useState } from 'preact/hooks';

/** Conversations kept in memory (and in sync) after the agent moves on to another. */
const KEEP_OPEN = 8;
const recent = new WeakMap<AgentClient, string[]>();

function follow(client: AgentClient, id: string): void {
  const list = (recent.get(client) ?? []).filter((x) => x !== id);
  list.push(id);
  while (list.length > KEEP_OPEN) client.forget(list.shift()!);
  recent.set(client, list);
}

export interface ConversationItems {
  items: ChatItem[];
  /** False until the history has been fetched at least once. */
  loaded: boolean;
  error: unknown;
}

/** One conversation's messages, live: opened (synced) on mount, re-read on every change. */
export function useConversation(client: AgentClient, id: string): ConversationItems {
  const [items, setItems] = useState<ChatItem[]>(() => client.items(id));
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let active = true;
    const refresh = () => active && setItems(client.items(id));
    setItems(client.items(id));
    setLoaded(false);
    setError(null);
    follow(client, id);
    const open = () => {
      const wasReady = client.state === 'ready';
      client.open(id).then(
        () => {
          refresh();
          // Offline, open() only registers the conversation; the sync comes with `ready`.
          if (active && wasReady) setLoaded(true);
        },
        (err: unknown) => active && setError(err),
      );
    };
    open();
    const offChange = client.on('change', (changed) => changed === id && refresh());
    // The client re-syncs open conversations itself on reconnect; opening again also
    // recovers from a first attempt that failed on a dropped connection.
    const offState = client.on('state', (state) => {
      if (state === 'ready') {
        setError(null);
        open();
      }
    });
    return () => {
      active = false;
      offChange();
      offState();
    };
  }, [client, id]);

  return { items, loaded, error };
}
