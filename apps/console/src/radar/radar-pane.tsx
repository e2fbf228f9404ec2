import type { ConversationSummary } from '@kefu/client';
import { useCallback, useMemo, useState } from 'preact/hooks';
import { SearchIcon, UsersIcon } from '../components/icons.js';
import { useI18n } from '../hooks/use-i18n.js';
import { errorText } from '../i18n.js';
import { VisitorPanel } from '../visitor/visitor-panel.js';
import { InviteDialog } from './invite-dialog.js';
import type { LiveVisitors, RadarVisitor } from './live-visitors.js';
import { RadarRow } from './radar-row.js';
import '../components/ui.css';
import './radar.css';

type Filter = 'all' | 'browsing' | 'chatting';

interface RadarPaneProps {
  live: LiveVisitors;
  onOpenConversation: (conversationId: string) => void;
}

function matches(v: RadarVisitor, query: string): boolean {
  if (!query) return true;
  const q = query.toLowerCase();
  return [v.name, v.siteName, v.currentPage?.title, v.currentPage?.url].some((s) => s?.toLowerCase().includes(q));
}

/** Everyone on the sites right now, live; invite the ones not chatting yet. */
export function RadarPane({ live, onOpenConversation }: RadarPaneProps) {
  const { t } = useI18n();
  const [filter, setFilter] = useState<Filter>('all');
  const [query, setQuery] = useState('');
  const [inviting, setInviting] = useState<RadarVisitor | null>(null);
  const [details, setDetails] = useState<string | null>(null);

  const chatting = live.visitors.filter((v) => v.conversationId !== null).length;
  const shown = useMemo(
    () =>
      live.visitors.filter(
        (v) => (filter === 'all' || (filter === 'chatting') === (v.conversationId !== null)) && matches(v, query.trim()),
      ),
    [live.visitors, filter, query],
  );

  const onInvite = useCallback((v: RadarVisitor) => setInviting(v), []);
  const onShowDetails = useCallback((id: string) => setDetails((old) => (old === id ? null : id)), []);
  const onInvited = (c: ConversationSummary) => {
    setInviting(null);
    onOpenConversation(c.id);
  };

  const counts: Record<Filter, number> = { all: live.visitors.length, browsing: live.visitors.length - chatting, chatting };
  return (
    <div class={`radar-layout ${details ? 'has-details' : ''}`}>
      <section class="radar" aria-label={t.radar.title}>
        <div class="pane-header radar-header">
          <h2 class="pane-title">{t.radar.title}</h2>
          <span class="live-pill" aria-live="polite">
            <span class="live-dot" aria-hidden="true" />
            {t.radar.liveCount(live.visitors.length)}
          </span>
        </div>
        <div class="radar-toolbar">
          <div class="segmented" role="group" aria-label={t.radar.filter}>
            {(['all', 'browsing', 'chatting'] as const).map((f) => (
              <button key={f} type="button" class={filter === f ? 'is-active' : ''} aria-pressed={filter === f} onClick={() => setFilter(f)}>
                {t.radar.filters[f]}
                <span class="segmented-count">{counts[f]}</span>
              </button>
            ))}
          </div>
          <label class="search-box">
            <SearchIcon />
            <input type="search" placeholder={t.radar.search} aria-label={t.radar.search} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
          </label>
        </div>
        {live.error !== null && (
          <div class="notice notice-error radar-error" role="alert">
            <span>{errorText(t, live.error)}</span>
            <button type="button" class="btn-link" onClick={live.reload}>
              {t.inbox.retry}
            </button>
          </div>
        )}
        <div class="radar-scroll">
          {live.visitors.length > 0 && (
            <div class="radar-columns" aria-hidden="true">
              <span>{t.radar.columns.visitor}</span>
              <span>{t.radar.columns.page}</span>
              <span>{t.radar.columns.time}</span>
              <span>{t.radar.columns.device}</span>
              <span>{t.radar.columns.status}</span>
              <span />
            </div>
          )}
          {shown.length > 0 ? (
            <ul class="radar-list" aria-label={t.radar.title}>
              {shown.map((v) => (
                <RadarRow key={v.visitorId} visitor={v} selected={v.visitorId === details} onInvite={onInvite} onOpenChat={onOpenConversation} onShowDetails={onShowDetails} />
              ))}
            </ul>
          ) : (
            live.loaded && (
              <div class="empty">
                <span class="empty-icon empty-icon-lg">
                  <UsersIcon />
                </span>
                <p class="empty-title">{live.visitors.length === 0 ? t.radar.emptyTitle : t.radar.noMatch}</p>
                {live.visitors.length === 0 && <p class="empty-body">{t.radar.emptyBody}</p>}
              </div>
            )
          )}
        </div>
      </section>
      {details && <VisitorPanel key={details} visitorId={details} onClose={() => setDetails(null)} onOpenConversation={onOpenConversation} />}
      {inviting && <InviteDialog visitor={live.byId.get(inviting.visitorId) ?? inviting} onClose={() => setInviting(null)} onInvited={onInvited} />}
    </div>
  );
}
