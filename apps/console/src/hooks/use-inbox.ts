import type { AgentClient, ConversationSummary } from '@kefu/client';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { replaceFirstPage, upsert } from '../inbox/order.js';

const PAGE_SIZE = 30;

export interface Inbox {
  conversations: ConversationSummary[];
  /** Every conversation seen this session, open or not, for the conversation header. */
  byId: ReadonlyMap<string, ConversationSummary>;
  loaded: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  error: unknown;
  loadMore: () => void;
  reload: () => void;
}

/**
 * The open conversations, newest activity first: listed on every transition to
 * `ready` (so nothing missed while offline stays missed), then kept live from
 * `conversation` events and extended page by page with `nextCursor`.
 */
export function useInbox(client: AgentClient): Inbox {
  const [conversations, setConversations] = useState<ConversationSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const byId = useRef(new Map<string, ConversationSummary>());
  // Bumped by every first-page listing, so that an older listing's late answer is dropped.
  const generation = useRef(0);

  const remember = (list: readonly ConversationSummary[]) => {
    for (const c of list) {
      const known = byId.current.get(c.id);
      if (!known || c.lastSeq >= known.lastSeq) byId.current.set(c.id, c);
    }
  };

  const listFirstPage = useCallback(async () => {
    const gen = ++generation.current;
    try {
      const page = await client.listConversations({ status: 'open', limit: PAGE_SIZE });
      if (gen !== generation.current) return;
      remember(page.conversations);
      setConversations((list) => replaceFirstPage(list, page.conversations, page.nextCursor !== null));
      // Keep a deeper cursor if "load more" already went further than this page.
      setCursor((old) => (page.nextCursor === null ? null : old ?? page.nextCursor));
      setError(null);
      setLoaded(true);
    } catch (err) {
      if (gen === generation.current) setError(err);
    }
  }, [client]);

  useEffect(() => {
    const offState = client.on('state', (state) => {
      if (state === 'ready') void listFirstPage();
    });
    const offConversation = client.on('conversation', (summary) => {
      remember([summary]);
      setConversations((list) => upsert(list, [summary]));
    });
    if (client.state === 'ready') void listFirstPage();
    return () => {
      offState();
      offConversation();
    };
  }, [client, listFirstPage]);

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore) return;
    const gen = generation.current;
    setLoadingMore(true);
    client
      .listConversations({ status: 'open', limit: PAGE_SIZE, before: cursor })
      .then((page) => {
        if (gen !== generation.current) return;
        remember(page.conversations);
        setConversations((list) => upsert(list, page.conversations));
        setCursor(page.nextCursor);
        setError(null);
      })
      .catch((err: unknown) => setError(err))
      .finally(() => setLoadingMore(false));
  }, [client, cursor, loadingMore]);

  const reload = useCallback(() => void listFirstPage(), [listFirstPage]);

  return { conversations, byId: byId.current, loaded, hasMore: cursor !== null, loadingMore, error, loadMore, reload };
}
