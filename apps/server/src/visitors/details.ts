import type { PresenceStatus, VisitorDetails } from '@kefu/protocol';
import { AppError } from '../errors.js';
import type { PageViewsService } from '../page-views/service.js';
import { toProfile } from './profile.js';
import type { Radar } from './radar.js';
import type { VisitorsReadRepo } from './repo.js';
import { parseSource } from './source.js';

/** What the visitor panel lists of pages and past conversations. */
export const PAGE_TRAIL_MAX = 50;
export const PREVIOUS_CONVERSATIONS_MAX = 20;

/** Everything the console's visitor panel shows; NOT_FOUND for a visitor of another workspace. */
export async function visitorDetails(
  deps: { reads: VisitorsReadRepo; pageViews: PageViewsService; radar: Radar; statusOf: (visitorId: string) => Promise<PresenceStatus> },
  visitorId: string,
  workspaceId: string,
): Promise<VisitorDetails> {
  const row = await deps.reads.withSite(visitorId, workspaceId);
  if (!row) throw new AppError('NOT_FOUND');
  const visitStartedAt = row.visit_started_at ?? row.created_at;
  const [status, trail, first, conversations] = await Promise.all([
    deps.statusOf(visitorId),
    deps.pageViews.recent(visitorId, PAGE_TRAIL_MAX),
    deps.pageViews.firstOfVisit(visitorId, visitStartedAt),
    deps.reads.conversations(visitorId, PREVIOUS_CONVERSATIONS_MAX),
  ]);
  const live = await deps.radar.one(visitorId, status);
  if (!live) throw new AppError('NOT_FOUND');
  return {
    ...live,
    profile: toProfile(row),
    // Only a verified identify (the site's HMAC) ever sets user_id.
    verified: row.user_id !== null,
    timeZone: row.time_zone,
    ip: row.ip,
    visits: row.visits,
    firstSeenAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    source: parseSource(first?.referrer ?? null),
    pageTrail: trail,
    previousConversations: conversations.map((c) => ({
      id: c.id,
      status: c.status,
      createdAt: c.created_at,
      lastMessageAt: c.last_message_at,
      lastMessagePreview: c.last_message_preview,
    })),
  };
}
