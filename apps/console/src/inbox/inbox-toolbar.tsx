import type { InboxView, Team } from '@kefu/client';
import { useEffect, useState } from 'preact/hooks';
import { useDebounced } from '../hooks/use-debounced.js';
import { useI18n } from '../hooks/use-i18n.js';
import type { Inbox } from '../hooks/use-inbox.js';
import type { SiteOption } from '../hooks/use-sites.js';
import { SearchIcon, XIcon } from '../components/icons.js';

/** The search asks the server this long after the last key. */
const SEARCH_DEBOUNCE_MS = 300;
const VIEWS: InboxView[] = ['unassigned', 'mine', 'open', 'closed'];

/** Search, site and tag filters, and the tabs with their counts. */
export function InboxToolbar({ inbox, sites, teams }: { inbox: Inbox; sites: SiteOption[]; teams: Team[] }) {
  const { t } = useI18n();
  const { filter, setFilter, counts } = inbox;
  const [text, setText] = useState(filter.query);
  const settled = useDebounced(text, SEARCH_DEBOUNCE_MS);
  useEffect(() => setFilter({ query: settled }), [settled, setFilter]);

  return (
    <div class="inbox-toolbar">
      <div class="inbox-search">
        <SearchIcon />
        <input
          type="search"
          value={text}
          placeholder={t.desk.searchPlaceholder}
          aria-label={t.desk.search}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && text) {
              e.stopPropagation();
              setText('');
            }
          }}
        />
        {text && (
          <button type="button" class="icon-btn inbox-search-clear" aria-label={t.desk.clearSearch} onClick={() => setText('')}>
            <XIcon />
          </button>
        )}
      </div>
      <div class="inbox-filters">
        {sites.length > 1 && (
          <select aria-label={t.desk.siteFilter} value={filter.siteId ?? ''} onChange={(e) => setFilter({ siteId: e.currentTarget.value || null })}>
            <option value="">{t.desk.allSites}</option>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        )}
        {teams.length > 0 && (
          <select aria-label={t.admin.inbox.teamFilter} value={filter.teamId ?? ''} onChange={(e) => setFilter({ teamId: e.currentTarget.value || null })}>
            <option value="">{t.admin.inbox.allTeams}</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        )}
        <select aria-label={t.desk.tagFilter} value={filter.tag ?? ''} onChange={(e) => setFilter({ tag: e.currentTarget.value || null })}>
          <option value="">{t.desk.allTags}</option>
          {inbox.knownTags.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </div>
      <div class="inbox-tabs" role="tablist" aria-label={t.desk.views}>
        {VIEWS.map((view) => {
          const count = view === 'closed' ? null : (counts?.[view] ?? null);
          const current = filter.view === view;
          return (
            <button
              key={view}
              type="button"
              role="tab"
              aria-selected={current}
              class={`inbox-tab ${current ? 'is-current' : ''}`}
              onClick={() => setFilter({ view })}
            >
              <span>{t.desk.view[view]}</span>
              {count !== null && <span class="inbox-tab-count">{count > 999 ? '999+' : count}</span>}
            </button>
          );
        })}
      </div>
    </div>
  );
}
