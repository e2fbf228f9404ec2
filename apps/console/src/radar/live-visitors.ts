import type { AgentClient, ConversationSummary, LiveVisitor } from '@kefu/client';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';

/** A radar row: the server's LiveVisitor, and since when (by this browser's clock) they are on their page. */
export interface RadarVisitor extends LiveVisitor {
  pageSince: number;
}

export interface LiveVisitors {
  /** Not chatting first (the ones to invite), then the newest arrivals. */
  visitors: RadarVisitor[];
  byId: ReadonlyMap<string, RadarVisitor>;
  loaded: boolean;
  error: unknown;
  reload: () => void;
}

/** A page view's time by the visitor's clock, kept from running ahead of ours. */
function since(at: number | undefined, now: number): number {
  return at === undefined ? now : Math.min(at, now);
}

function compare(a: RadarVisitor, b: RadarVisitor): number {
  const chatting = Number(a.conversationId !== null) - Number(b.conversationId !== null);
  return chatting || b.visitStartedAt - a.visitStartedAt || a.visitorId.localeCompare(b.visitorId);
}

/** Unknown visitors' page views are batched into one listing rather than one per event. */
const RELIST_DELAY_MS = 500;

/**
 * Everyone on the workspace's sites now: listed on every transition to `ready` (so
 * arrivals and departures missed offline are right again), then kept live from
 * `visitorArrived`, `visitorPage`, `visitorUpdated`, `presence` and `conversation` events.
 */
export function useLiveVisitors(client: AgentClient): LiveVisitors {
  const map = useRef(new Map<string, RadarVisitor>());
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  const relist = useRef<() => void>(() => undefined);

  useEffect(() => {
    let active = true;
    let relistTimer: ReturnType<typeof setTimeout> | undefined;
    const bump = () => active && setVersion((v) => v + 1);
    const set = (v: RadarVisitor) => map.current.set(v.visitorId, v);

    const list = async () => {
      const gen = ++generation.current;
      try {
        const live = await client.liveVisitors();
        if (!active || gen !== generation.current) return;
        const now = Date.now();
        const next = new Map<string, RadarVisitor>();
        for (const v of live) {
          const known = map.current.get(v.visitorId);
          const samePage = known && known.currentPage?.url === v.currentPage?.url && known.currentPage?.at === v.currentPage?.at;
          next.set(v.visitorId, { ...v, pageSince: samePage ? known.pageSince : since(v.currentPage?.at, now) });
        }
        map.current = next;
        setError(null);
        setLoaded(true);
        bump();
      } catch (err) {
        if (active && gen === generation.current) setError(err);
      }
    };
    relist.current = () => void list();
    const relistSoon = () => {
      clearTimeout(relistTimer);
      relistTimer = setTimeout(() => client.state === 'ready' && void list(), RELIST_DELAY_MS);
    };

    const offs = [
      client.on('state', (state) => state === 'ready' && void list()),
      client.on('visitorArrived', (v) => {
        set({ ...v, pageSince: since(v.currentPage?.at, Date.now()) });
        bump();
      }),
      client.on('visitorPage', (view) => {
        const known = map.current.get(view.visitorId);
        if (!known) return relistSoon();
        const { visitorId: _v, siteId: _s, ...page } = view;
        set({ ...known, currentPage: page, pageSince: Date.now() });
        bump();
      }),
      client.on('visitorUpdated', ({ visitorId, profile }) => {
        const known = map.current.get(visitorId);
        if (!known || !profile.name || profile.name === known.name) return;
        set({ ...known, name: profile.name });
        bump();
      }),
      client.on('presence', (p) => {
        if (p.kind !== 'visitor') return;
        const known = map.current.get(p.id);
        if (p.status === 'offline') {
          if (map.current.delete(p.id)) bump();
        } else if (!known) {
          relistSoon();
        } else if (known.status !== p.status) {
          set({ ...known, status: p.status });
          bump();
        }
      }),
      client.on('conversation', (c: ConversationSummary) => {
        const known = map.current.get(c.visitorId);
        if (!known) return;
        const conversationId = c.status === 'open' ? c.id : known.conversationId === c.id ? null : known.conversationId;
        if (conversationId === known.conversationId) return;
        set({ ...known, conversationId });
        bump();
      }),
    ];
    if (client.state === 'ready') void list();
    return () => {
      active = false;
      clearTimeout(relistTimer);
      for (const off of offs) off();
    };
  }, [client]);

  const visitors = useMemo(() => [...map.current.values()].sort(compare), [version]);
  return { visitors, byId: map.current, loaded, error, reload: () => relist.current() };
}
