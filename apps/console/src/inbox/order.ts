import type { ConversationSummary } from '@kefu/client';

/** Newest activity first; a conversation with no message yet counts from its creation. */
export function activityAt(c: ConversationSummary): number {
  return c.lastMessageAt ?? c.createdAt;
}

function newestFirst(a: ConversationSummary, b: ConversationSummary): number {
  return activityAt(b) - activityAt(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Of two copies of one conversation, the one that has seen more messages wins. */
function fresher(a: ConversationSummary, b: ConversationSummary): ConversationSummary {
  return b.lastSeq >= a.lastSeq ? b : a;
}

/** Adds or replaces conversations, keeping the list open-only and newest first. */
export function upsert(list: readonly ConversationSummary[], incoming: readonly ConversationSummary[]): ConversationSummary[] {
  const byId = new Map(list.map((c) => [c.id, c]));
  for (const c of incoming) {
    const known = byId.get(c.id);
    const next = known ? fresher(known, c) : c;
    if (next.status === 'open') byId.set(c.id, next);
    else byId.delete(c.id);
  }
  return [...byId.values()].sort(newestFirst);
}

/**
 * After a reconnect, the first page is the truth for its time range: conversations
 * in that range it no longer holds were closed meanwhile. Older ones already loaded
 * by "load more" are kept, so the agent does not lose their scroll position.
 */
export function replaceFirstPage(list: readonly ConversationSummary[], page: readonly ConversationSummary[], pageFull: boolean): ConversationSummary[] {
  if (!pageFull) return upsert([], page);
  const oldest = Math.min(...page.map(activityAt));
  const pageIds = new Set(page.map((c) => c.id));
  const older = list.filter((c) => !pageIds.has(c.id) && activityAt(c) < oldest);
  return upsert(older, page);
}
