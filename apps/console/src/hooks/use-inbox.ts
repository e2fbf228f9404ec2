import type { AgentClient, ConversationSummary, InboxCounts } from '@kefu/client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { activityAt, matches, replaceFirstPage, upsert, type InboxFilter } from '../inbox/order.js';

/** Rows per request: the server's maximum, so 10,000 conversations page in 100 requests, never all at once. */
const PAGE_SIZE = 100;
/** Counts are re-asked this long after the last conversation event: a burst of events costs one request. */
const COUNTS_DEBOUNCE_MS = 400;

export const DEFAULT_FILTER: InboxFilter = { view: 'open', siteId: null, tag: null, query: '', teamId: null };

export interface Inbox {
  filter: InboxFilter;
  setFilter: (change: Partial<InboxFilter>) => void;
  conversations: ConversationSummary[];
  counts: InboxCounts | null;
  /** Every conversation seen this session, in the view or not, for the conversation header. */
  byId: ReadonlyMap<string, ConversationSummary>;
  /** Tags seen on loaded conversations, for the tag filter. */
  knownTags: string[];
  loaded: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  error: unknown;
  loadMore: () => void;
  reload: () => void;
}

function request(filter: InboxFilter, before?: string) {
  return {
    view: filter.view,
    limit: PAGE_SIZE,
    ...(filter.siteId ? { siteId: filter.siteId } : {}),
    ...(filter.tag ? { tag: filter.tag } : {}),
    ...(filter.teamId ? { teamId: filter.teamId } : {}),
    ...(filter.query.trim() ? { query: filter.query.trim() } : {}),
    ...(before ? { before } : {}),
  };
}

/**
 * One view of the inbox, newest activity first: listed on every transition to `ready`
 * and on every filter change, kept live from `conversation` events (a conversation that
 * stops matching leaves, one that starts matching enters at its place), extended page
 * by page with `nextCursor`. Counts per view come from the server, debounced.
 */
export function useInbox(client: AgentClient): Inbox {
  const [filter, setFilterState] = useState<InboxFilter>(DEFAULT_FILTER);
  const [conversations, setConversations] = useState<ConversationSummary[]>([]);
  const [counts, setCounts] = useState<InboxCounts | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const byId = useRef(new Map<string, ConversationSummary>());
  // Bumped by every first-page listing, so that an older listing's late answer is dropped.
  const generation = useRef(0);
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const cursorRef = useRef(cursor);
  cursorRef.current = cursor;

  const remember = (list: readonly ConversationSummary[]) => {
    for (const c of list) {
      const known = byId.current.get(c.id);
      if (!known || c.lastSeq >= known.lastSeq) byId.current.set(c.id, c);
    }
  };

  const [workspaceTags, setWorkspaceTags] = useState<string[]>([]);
  // The counts and the workspace's tags (for the tag filter) are refreshed together.
  const refreshCounts = useCallback(() => {
    client.inboxCounts().then(setCounts, () => undefined);
    client.listTags().then(setWorkspaceTags, () => undefined);
  }, [client]);

  const listFirstPage = useCallback(
    async (reset: boolean) => {
      const gen = ++generation.current;
      const current = filterRef.current;
      if (reset) {
        setLoaded(false);
        setConversations([]);
        setCursor(null);
      }
      try {
        const page = await client.listConversations(request(current));
        if (gen !== generation.current) return;
        remember(page.conversations);
        setConversations((list) => (reset ? page.conversations : replaceFirstPage(list, page.conversations, page.nextCursor !== null)));
        // Keep a deeper cursor if paging already went further than this page.
        setCursor((old) => (page.nextCursor === null ? null : reset ? page.nextCursor : (old ?? page.nextCursor)));
        setError(null);
        setLoaded(true);
      } catch (err) {
        if (gen === generation.current) setError(err);
      }
    },
    [client],
  );

  useEffect(() => {
    let countsTimer: ReturnType<typeof setTimeout> | undefined;
    const offState = client.on('state', (state) => {
      if (state !== 'ready') return;
      void listFirstPage(false);
      refreshCounts();
    });
    const offConversation = client.on('conversation', (summary) => {
      remember([summary]);
      const me = client.agent?.id ?? null;
      setConversations((list) => {
        // With more pages on the server, a conversation older than the loaded rows waits for its page.
        const oldest = cursorRef.current !== null && list.length > 0 ? activityAt(list[list.length - 1]!) : null;
        return upsert(list, [summary], (c, listed) => matches(c, filterRef.current, me, listed), oldest);
      });
      clearTimeout(countsTimer);
      countsTimer = setTimeout(refreshCounts, COUNTS_DEBOUNCE_MS);
    });
    if (client.state === 'ready') {
      void listFirstPage(false);
      refreshCounts();
    }
    return () => {
      clearTimeout(countsTimer);
      offState();
      offConversation();
    };
  }, [client, listFirstPage, refreshCounts]);

  const setFilter = useCallback(
    (change: Partial<InboxFilter>) => {
      const next = { ...filterRef.current, ...change };
      if (next.view === filterRef.current.view && next.siteId === filterRef.current.siteId && next.tag === filterRef.current.tag && (next.teamId ?? null) === (filterRef.current.teamId ?? null) && next.query.trim() === filterRef.current.query.trim()) {
        return;
      }
      filterRef.current = next;
      setFilterState(next);
      if (client.state === 'ready') void listFirstPage(true);
      else {
        setConversations([]);
        setCursor(null);
        setLoaded(false);
      }
    },
    [client, listFirstPage],
  );

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore) return;
    const gen = generation.current;
    setLoadingMore(true);
    client
      .listConversations(request(filterRef.current, cursor))
      .then((page) => {
        if (gen !== generation.current) return;
        remember(page.conversations);
        setConversations((list) => upsert(list, page.conversations, () => true));
        setCursor(page.nextCursor);
        setError(null);
      })
      .catch((err: unknown) => gen === generation.current && setError(err))
      .finally(() => setLoadingMore(false));
  }, [client, cursor, loadingMore]);

  const reload = useCallback(() => void listFirstPage(true), [listFirstPage]);

  const knownTags = useMemo(() => {
    const tags = new Set<string>(workspaceTags);
    for (const c of byId.current.values()) for (const tag of c.tags ?? []) tags.add(tag);
    if (filter.tag) tags.add(filter.tag);
    return [...tags].sort();
  }, [conversations, filter.tag, workspaceTags]);

  return { filter, setFilter, conversations, counts, byId: byId.current, knownTags, loaded, hasMore: cursor !== null, loadingMore, error, loadMore, reload };
}
