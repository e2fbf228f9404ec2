import type { ConversationSummary, InboxView } from '@kefu/client';

/** What the inbox lists: one view, narrowed by site, tag and a search. */
export interface InboxFilter {
  view: InboxView;
  siteId: string | null;
  tag: string | null;
  query: string;
  /** Conversations routed to this team; absent or null: any. */
  teamId?: string | null;
}

/** Newest activity first; a conversation with no message yet counts from its creation. */
export function activityAt(c: ConversationSummary): number {
  return c.lastMessageAt ?? c.createdAt;
}

function newestFirst(a: ConversationSummary, b: ConversationSummary): number {
  return activityAt(b) - activityAt(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Of two copies of one conversation, the one that has seen more messages wins; on a tie the later copy (a status or tag change). */
function fresher(a: ConversationSummary, b: ConversationSummary): ConversationSummary {
  return b.lastSeq >= a.lastSeq ? b : a;
}

export function inView(c: ConversationSummary, view: InboxView, me: string | null): boolean {
  switch (view) {
    case 'unassigned':
      return c.status === 'open' && c.assigneeId === null;
    case 'mine':
      return c.status === 'open' && c.assigneeId !== null && c.assigneeId === me;
    case 'open':
      return c.status === 'open';
    case 'closed':
      return c.status === 'closed';
  }
}

/**
 * Whether a changed conversation belongs in the list. `listed`: the server already put
 * it there, so the search (which also matches message text we do not have) matched.
 */
export function matches(c: ConversationSummary, filter: InboxFilter, me: string | null, listed: boolean): boolean {
  if (!inView(c, filter.view, me)) return false;
  if (filter.siteId && c.siteId !== filter.siteId) return false;
  if (filter.tag && !c.tags.includes(filter.tag)) return false;
  if (filter.teamId && c.teamId !== filter.teamId) return false;
  const q = filter.query.trim().toLowerCase();
  if (q && !listed) {
    const text = `${c.visitorName}\n${c.lastMessagePreview ?? ''}`.toLowerCase();
    if (!text.includes(q)) return false;
  }
  return true;
}

/**
 * Adds or replaces conversations, drops those that stopped matching, keeps newest first.
 * `oldestLoaded`: with more pages still on the server, a conversation older than the
 * loaded ones is left for its page, so it never shows up out of place at the bottom.
 */
export function upsert(
  list: readonly ConversationSummary[],
  incoming: readonly ConversationSummary[],
  keep: (c: ConversationSummary, listed: boolean) => boolean = (c) => c.status === 'open',
  oldestLoaded: number | null = null,
): ConversationSummary[] {
  const byId = new Map(list.map((c) => [c.id, c]));
  let changed = false;
  for (const c of incoming) {
    const known = byId.get(c.id);
    const next = known ? fresher(known, c) : c;
    if (next === known) continue;
    changed = true;
    if (keep(next, known !== undefined) && (known || oldestLoaded === null || activityAt(next) >= oldestLoaded)) byId.set(c.id, next);
    else byId.delete(c.id);
  }
  if (!changed && list.length === byId.size) return list as ConversationSummary[];
  return [...byId.values()].sort(newestFirst);
}

/**
 * After a reconnect, the first page is the truth for its time range: conversations
 * in that range it no longer holds left the view meanwhile. Older ones already loaded
 * by paging are kept, so the agent does not lose their scroll position.
 */
export function replaceFirstPage(list: readonly ConversationSummary[], page: readonly ConversationSummary[], pageFull: boolean): ConversationSummary[] {
  if (!pageFull) return upsert([], page, () => true);
  const oldest = Math.min(...page.map(activityAt));
  const pageIds = new Set(page.map((c) => c.id));
  const older = list.filter((c) => !pageIds.has(c.id) && activityAt(c) < oldest);
  return upsert(older, page, () => true);
}
