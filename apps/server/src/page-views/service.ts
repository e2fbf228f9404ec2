import type { PageView } from '@kefu/protocol';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { newOrderedId } from '../ids.js';
import type { PageViewsRepo } from './repo.js';

/** The most page views kept per visitor: enough for "what did they look at", bounded storage. */
export const PAGE_VIEWS_KEPT = 200;

/** A page view prunes its visitor's history about once in this many: a cheap, bounded overshoot. */
const PRUNE_EVERY = 20;

const isWebUrl = (url: string) => url.startsWith('https://') || url.startsWith('http://');

export interface PageViewVisitor {
  visitorId: string;
  siteId: string;
}

export class PageViewsService {
  constructor(
    private readonly repo: PageViewsRepo,
    private readonly log: Logger,
    /** Tests pass () => 0 to prune on every view. */
    private readonly random: () => number = Math.random,
  ) {}

  /** Stores a page view; the console links its URL, so only web URLs are taken. */
  async record(visitor: PageViewVisitor, view: PageView): Promise<PageView> {
    if (!isWebUrl(view.url)) throw new AppError('BAD_REQUEST', 'url: expected an http(s) URL', 'url');
    const stored: PageView = { url: view.url, title: view.title, referrer: view.referrer || null, at: view.at };
    const now = Date.now();
    // Ordered ids: "newest" stays exact for views stored within one millisecond.
    await this.repo.insert({ ...stored, id: newOrderedId(now), visitorId: visitor.visitorId, siteId: visitor.siteId, createdAt: now });
    // After the ack's work: a failed prune costs nothing but a few extra rows until the next one.
    if (this.random() * PRUNE_EVERY < 1) {
      this.repo.prune(visitor.visitorId, PAGE_VIEWS_KEPT).catch((err: unknown) => this.log.warn({ err }, 'pruning page views failed'));
    }
    return stored;
  }

  /** The first page of the visit that began at `visitStartedAt`: its referrer says where the visit came from. */
  firstOfVisit(visitorId: string, visitStartedAt: number): Promise<PageView | null> {
    return this.repo.firstSince(visitorId, visitStartedAt);
  }

  recent(visitorId: string, limit = PAGE_VIEWS_KEPT): Promise<PageView[]> {
    return this.repo.recent(visitorId, limit);
  }
}
