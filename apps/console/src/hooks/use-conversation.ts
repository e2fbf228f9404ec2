import { KefuError, type AgentClient, type ChatItem, type NoteItem } from '@kefu/client';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/** Conversations kept in memory (and in sync) after the agent moves on to another. */
const KEEP_OPEN = 8;
const recent = new WeakMap<AgentClient, string[]>();

function unfollow(client: AgentClient, id: string): void {
  recent.set(client, (recent.get(client) ?? []).filter((x) => x !== id));
  client.forget(id);
}

function follow(client: AgentClient, id: string): void {
  const list = (recent.get(client) ?? []).filter((x) => x !== id);
  list.push(id);
  while (list.length > KEEP_OPEN) client.forget(list.shift()!);
  recent.set(client, list);
}

export interface ConversationItems {
  items: ChatItem[];
  /** Internal notes, oldest first (agents only). */
  notes: NoteItem[];
  /** Older messages exist on the server (scroll up for them). */
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder: () => Promise<void>;
  /** False until the history has been fetched at least once. */
  loaded: boolean;
  error: unknown;
}

/** One conversation's messages, live: opened (synced) on mount, re-read on every change. */
export function useConversation(client: AgentClient, id: string): ConversationItems {
  const [items, setItems] = useState<ChatItem[]>(() => client.items(id));
  const [notes, setNotes] = useState<NoteItem[]>(() => client.notesOf(id));
  const [older, setOlder] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const loading = useRef(false);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let active = true;
    let refused = false;
    const refresh = () => {
      if (!active) return;
      setItems(client.items(id));
      setNotes(client.notesOf(id));
      setOlder(client.hasOlder(id));
    };
    refresh();
    setLoaded(false);
    setError(null);
    // Opened only while connected: a conversation registered offline is synced inside the
    // next handshake, where a refusal (say, a stale link to a conversation that is not
    // ours) would fail the whole connection instead of just this pane.
    const open = () => {
      follow(client, id);
      client.open(id).then(
        () => {
          refresh();
          if (active) setLoaded(true);
        },
        (err: unknown) => {
          // A dropped connection is not this conversation's fault: `ready` opens it again.
          if (err instanceof KefuError && err.action === 'retry') return;
          // Refused for good (not found, not ours): stop following it, or every reconnect's
          // sync of it would be refused too and fail the whole connection.
          refused = true;
          unfollow(client, id);
          if (active) setError(err);
        },
      );
    };
    if (client.state === 'ready') open();
    const offChange = client.on('change', (changed) => changed === id && refresh());
    const offNote = client.on('note', (note) => note.conversationId === id && refresh());
    // The client re-syncs open conversations itself on reconnect; opening again also
    // recovers from a first attempt that failed on a dropped connection.
    const offState = client.on('state', (state) => {
      if (state === 'ready' && !refused) open();
    });
    return () => {
      active = false;
      offChange();
      offNote();
      offState();
    };
  }, [client, id]);

  const loadOlderPage = useCallback(async () => {
    if (loading.current || !client.hasOlder(id)) return;
    loading.current = true;
    setLoadingOlder(true);
    try {
      await client.loadOlder(id);
    } catch {
      // Offline or refused: the next scroll to the top asks again.
    } finally {
      loading.current = false;
      setLoadingOlder(false);
      setItems(client.items(id));
      setOlder(client.hasOlder(id));
    }
  }, [client, id]);

  return { items, notes, hasOlder: older, loadingOlder, loadOlder: loadOlderPage, loaded, error };
}
