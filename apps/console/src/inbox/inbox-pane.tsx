import type { PresenceStatus } from '@kefu/client';
import { useEffect, useRef } from 'preact/hooks';
import { ChatIcon } from '../components/icons.js';
import { useI18n } from '../hooks/use-i18n.js';
import type { Inbox } from '../hooks/use-inbox.js';
import { useNow } from '../hooks/use-now.js';
import type { Seen } from '../hooks/use-seen.js';
import { errorText } from '../i18n.js';
import { InboxRow } from './inbox-row.js';

interface InboxPaneProps {
  inbox: Inbox;
  seen: Seen;
  presenceOf: (visitorId: string) => PresenceStatus;
  selected: string | null;
  onSelect: (id: string) => void;
}

export function InboxPane({ inbox, seen, presenceOf, selected, onSelect }: InboxPaneProps) {
  const { t } = useI18n();
  const now = useNow();
  const { conversations, loaded, hasMore, loadingMore, error, loadMore } = inbox;
  const sentinel = useInfiniteScroll(hasMore && !loadingMore && !error, loadMore);

  return (
    <section class="inbox" aria-label={t.inbox.title}>
      <div class="pane-header inbox-header">
        <h2 class="pane-title">{t.inbox.title}</h2>
        {loaded && <span class="count-pill">{t.inbox.open(conversations.length, hasMore)}</span>}
      </div>
      {error !== null && (
        <div class="notice notice-error inbox-error" role="alert">
          <span>{loaded ? errorText(t, error) : t.inbox.loadFailed}</span>
          <button type="button" class="btn-link" onClick={loaded ? loadMore : inbox.reload}>
            {t.inbox.retry}
          </button>
        </div>
      )}
      <div class="inbox-scroll">
        {!loaded && error === null && <InboxSkeleton />}
        {loaded && conversations.length === 0 && (
          <div class="empty empty-inbox">
            <span class="empty-icon">
              <ChatIcon />
            </span>
            <p class="empty-title">{t.inbox.emptyTitle}</p>
            <p class="empty-body">{t.inbox.emptyBody}</p>
          </div>
        )}
        {conversations.length > 0 && (
          <ul class="inbox-list" aria-label={t.inbox.list}>
            {conversations.map((c) => (
              <InboxRow
                key={c.id}
                conversation={c}
                selected={c.id === selected}
                unread={c.id === selected ? 0 : seen.unread(c)}
                status={presenceOf(c.visitorId)}
                now={now}
                onSelect={onSelect}
              />
            ))}
          </ul>
        )}
        {hasMore && (
          <div class="load-more" ref={sentinel}>
            <button type="button" class="btn-secondary" onClick={loadMore} disabled={loadingMore}>
              {loadingMore && <span class="spinner spinner-dark" aria-hidden="true" />}
              {t.inbox.loadMore}
            </button>
          </div>
        )}
      </div>
    </section>
  );
}

function InboxSkeleton() {
  return (
    <ul class="inbox-list" aria-hidden="true">
      {[0, 1, 2, 3, 4].map((i) => (
        <li key={i} class="skeleton-row">
          <span class="skeleton skeleton-avatar" />
          <span class="skeleton-lines">
            <span class="skeleton skeleton-line" style={{ width: '55%' }} />
            <span class="skeleton skeleton-line" style={{ width: '85%' }} />
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Calls `onVisible` whenever the returned element scrolls into view while `enabled`. */
function useInfiniteScroll(enabled: boolean, onVisible: () => void) {
  const ref = useRef<HTMLDivElement>(null);
  const callback = useRef(onVisible);
  callback.current = onVisible;
  useEffect(() => {
    const el = ref.current;
    if (!enabled || !el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && callback.current(), {
      rootMargin: '200px',
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [enabled]);
  return ref;
}
