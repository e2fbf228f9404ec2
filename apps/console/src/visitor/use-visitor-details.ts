import type { AgentClient, ConversationSummary, VisitorDetails } from '@kefu/client';
import { useEffect, useState } from 'preact/hooks';

/** The panel keeps as many pages as the server sends (the newest 50). */
const TRAIL_MAX = 50;
const PREVIOUS_MAX = 20;

export interface VisitorDetailsState {
  details: VisitorDetails | null;
  /** When the current page was opened, by this browser's clock (for "time on page"). */
  pageSince: number;
  error: unknown;
}

function withConversation(d: VisitorDetails, c: ConversationSummary): VisitorDetails {
  const entry = { id: c.id, status: c.status, createdAt: c.createdAt, lastMessageAt: c.lastMessageAt, lastMessagePreview: c.lastMessagePreview };
  const others = d.previousConversations.filter((p) => p.id !== c.id);
  const previousConversations = [entry, ...others].sort((a, b) => b.createdAt - a.createdAt).slice(0, PREVIOUS_MAX);
  const conversationId = c.status === 'open' ? c.id : d.conversationId === c.id ? null : d.conversationId;
  return { ...d, previousConversations, conversationId };
}

/**
 * One visitor's details for the panel: fetched when shown and on every transition to
 * `ready`, then kept live from `visitorUpdated`, `visitorPage`, `presence` and
 * `conversation` events.
 */
export function useVisitorDetails(client: AgentClient, visitorId: string): VisitorDetailsState {
  const [state, setState] = useState<VisitorDetailsState>({ details: null, pageSince: Date.now(), error: null });

  useEffect(() => {
    let active = true;
    setState({ details: null, pageSince: Date.now(), error: null });
    const update = (fn: (d: VisitorDetails) => Partial<VisitorDetailsState> | null) =>
      setState((s) => {
        if (!s.details) return s;
        const change = fn(s.details);
        return change ? { ...s, ...change } : s;
      });
    const load = () =>
      client.visitorDetails(visitorId).then(
        (details) => {
          if (!active) return;
          setState((s) => ({
            details,
            pageSince: s.details?.currentPage?.url === details.currentPage?.url ? s.pageSince : Math.min(details.currentPage?.at ?? Date.now(), Date.now()),
            error: null,
          }));
        },
        (error: unknown) => active && setState((s) => ({ ...s, error })),
      );

    const offs = [
      client.on('state', (s) => s === 'ready' && void load()),
      client.on('visitorUpdated', (u) => u.visitorId === visitorId && update((d) => ({ details: { ...d, profile: u.profile, name: u.profile.name ?? d.name } }))),
      client.on('visitorPage', (view) => {
        if (view.visitorId !== visitorId) return;
        const { visitorId: _v, siteId: _s, ...page } = view;
        update((d) => ({ details: { ...d, currentPage: page, pageTrail: [page, ...d.pageTrail].slice(0, TRAIL_MAX), lastSeenAt: Math.max(d.lastSeenAt, page.at) }, pageSince: Date.now() }));
      }),
      client.on('presence', (p) => p.kind === 'visitor' && p.id === visitorId && update((d) => (d.status === p.status ? null : { details: { ...d, status: p.status } }))),
      client.on('conversation', (c) => c.visitorId === visitorId && update((d) => ({ details: withConversation(d, c) }))),
    ];
    if (client.state === 'ready') void load();
    return () => {
      active = false;
      for (const off of offs) off();
    };
  }, [client, visitorId]);

  return state;
}
