import type { PresenceStatus } from '@kefu/client';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ChatIcon } from '../components/icons.js';
import { useI18n } from '../hooks/use-i18n.js';
import type { Inbox } from '../hooks/use-inbox.js';
import { useNow } from '../hooks/use-now.js';
import type { Seen } from '../hooks/use-seen.js';
import { useSites } from '../hooks/use-sites.js';
import { useClient } from '../hooks/use-client.js';
import { useTeams } from '../admin/use-teams.js';
import { errorText } from '../i18n.js';
import './inbox.css';
import { InboxRow, ROW_PX, rowId } from './inbox-row.js';
import { InboxToolbar } from './inbox-toolbar.js';
import { ShortcutsHelp } from './shortcuts-help.js';
import { useWindow } from './use-window.js';

/** Ask for the next page when the viewport gets this many rows from the end of what is loaded. */
const PREFETCH_ROWS = 40;

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
  const sites = useSites();
  const teams = useTeams(useClient());
  const { conversations, loaded, hasMore, loadingMore, error, loadMore } = inbox;
  const { scroller, onScroll, range, reveal, visibleRows } = useWindow(conversations.length, ROW_PX);
  const [activeId, setActiveId] = useState<string | null>(selected);
  const selectedIndex = selected ? conversations.findIndex((c) => c.id === selected) : -1;
  const activeIndex = activeId ? conversations.findIndex((c) => c.id === activeId) : -1;

  // Paged loading as the agent scrolls: the next page is asked well before the end shows.
  useEffect(() => {
    if (hasMore && !loadingMore && error === null && range.end + PREFETCH_ROWS >= conversations.length) loadMore();
  }, [hasMore, loadingMore, error, range.end, conversations.length, loadMore]);

  const choose = useCallback(
    (id: string) => {
      setActiveId(id);
      onSelect(id);
    },
    [onSelect],
  );
  const onRowSelect = useCallback((id: string) => choose(id), [choose]);

  // Alt+ArrowUp / Alt+ArrowDown: the previous / next conversation, from anywhere (the reply box too).
  const step = useRef<(delta: number) => void>(() => undefined);
  step.current = (delta) => {
    if (conversations.length === 0) return;
    const from = selectedIndex >= 0 ? selectedIndex : delta > 0 ? -1 : conversations.length;
    const to = Math.min(conversations.length - 1, Math.max(0, from + delta));
    reveal(to);
    choose(conversations[to]!.id);
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
      e.preventDefault();
      step.current(e.key === 'ArrowDown' ? 1 : -1);
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  // The list is one focusable listbox; arrows move its active row, Enter opens it. Rows
  // come and go as they scroll, so focus never sits on a row that could be unmounted.
  const onListKey = (e: KeyboardEvent) => {
    if (e.altKey || conversations.length === 0) return;
    const at = activeIndex >= 0 ? activeIndex : selectedIndex;
    const moves: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      PageDown: at + visibleRows,
      PageUp: at - visibleRows,
      Home: 0,
      End: conversations.length - 1,
    };
    if (e.key in moves) {
      e.preventDefault();
      const to = Math.min(conversations.length - 1, Math.max(0, moves[e.key]!));
      setActiveId(conversations[to]!.id);
      reveal(to);
    } else if ((e.key === 'Enter' || e.key === ' ') && at >= 0) {
      e.preventDefault();
      choose(conversations[at]!.id);
    }
  };

  const rows = conversations.slice(range.start, range.end);
  const empty = loaded && conversations.length === 0;

  return (
    <section class="inbox" aria-label={t.inbox.title}>
      <div class="pane-header inbox-header">
        <h2 class="pane-title">{t.inbox.title}</h2>
        {loaded && (
          <span class="count-pill" aria-live="polite">
            {t.desk.shown(conversations.length, hasMore)}
          </span>
        )}
        <ShortcutsHelp />
      </div>
      <InboxToolbar inbox={inbox} sites={sites} teams={teams} />
      {error !== null && (
        <div class="notice notice-error inbox-error" role="alert">
          <span>{loaded ? errorText(t, error) : t.inbox.loadFailed}</span>
          <button type="button" class="btn-link" onClick={loaded ? loadMore : inbox.reload}>
            {t.inbox.retry}
          </button>
        </div>
      )}
      <div class="inbox-scroll" ref={scroller} onScroll={onScroll}>
        {!loaded && error === null && <InboxSkeleton />}
        {empty && (
          <div class="empty empty-inbox">
            <span class="empty-icon">
              <ChatIcon />
            </span>
            <p class="empty-title">{inbox.filter.query.trim() ? t.desk.noResults : t.desk.emptyTitle[inbox.filter.view]}</p>
            <p class="empty-body">{inbox.filter.query.trim() ? t.desk.noResultsBody : t.inbox.emptyBody}</p>
          </div>
        )}
        {conversations.length > 0 && (
          <div
            class="inbox-list"
            role="listbox"
            tabIndex={0}
            aria-label={t.inbox.list}
            aria-setsize={hasMore ? -1 : conversations.length}
            aria-activedescendant={activeIndex >= range.start && activeIndex < range.end ? rowId(activeId!) : undefined}
            style={{ height: `${range.totalPx}px` }}
            onKeyDown={onListKey}
          >
            {rows.map((c, i) => (
              <InboxRow
                key={c.id}
                conversation={c}
                index={range.start + i}
                selected={c.id === selected}
                active={c.id === activeId}
                unread={c.id === selected ? 0 : seen.unread(c)}
                status={presenceOf(c.visitorId)}
                now={now}
                onSelect={onRowSelect}
              />
            ))}
          </div>
        )}
        {hasMore && loaded && (
          <div class="inbox-more" role="status">
            {loadingMore && <span class="spinner spinner-dark" aria-hidden="true" />}
            <button type="button" class="btn-link" onClick={loadMore} disabled={loadingMore}>
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
    <ul class="inbox-skeleton" aria-hidden="true">
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
