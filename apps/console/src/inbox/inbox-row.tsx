import type { ConversationSummary, PresenceStatus } from '@kefu/client';
import { memo } from 'preact/compat';
import { Avatar } from '../components/avatar.js';
import { useI18n } from '../hooks/use-i18n.js';
import { fullTime, relativeTime } from '../time.js';
import { activityAt } from './order.js';

/** Every row has this height (inbox.css sets it too): the windowing relies on it. */
export const ROW_PX = 84;

interface InboxRowProps {
  conversation: ConversationSummary;
  index: number;
  selected: boolean;
  /** The keyboard's current row (aria-activedescendant of the list). */
  active: boolean;
  /** Messages after this agent's read cursor. */
  unread: number;
  status: PresenceStatus;
  now: number;
  onSelect: (id: string, index: number) => void;
}

export const rowId = (conversationId: string) => `inbox-row-${conversationId}`;

function InboxRowView({ conversation: c, index, selected, active, unread, status, now, onSelect }: InboxRowProps) {
  const unseen = unread > 0;
  const { t, lang } = useI18n();
  const at = activityAt(c);
  const classes = ['inbox-row', selected && 'is-selected', active && 'is-active', unseen && 'is-unseen'].filter(Boolean).join(' ');
  return (
    <div
      id={rowId(c.id)}
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      class={classes}
      style={{ transform: `translateY(${index * ROW_PX}px)` }}
      onClick={() => onSelect(c.id, index)}
    >
      <Avatar name={c.visitorName} status={status} statusLabel={t.presence[status]} />
      <span class="inbox-row-main">
        <span class="inbox-row-top">
          <span class="inbox-row-name">{c.visitorName}</span>
          <time class="inbox-row-time" dateTime={new Date(at).toISOString()} title={fullTime(at, lang)}>
            {relativeTime(at, now, t, lang)}
          </time>
        </span>
        <span class="inbox-row-site">
          <span class="inbox-row-site-name">{c.siteName}</span>
          {c.status === 'open' && c.assigneeId === null && <span class="row-chip is-queue">{t.desk.unassigned}</span>}
          {(c.tags ?? []).slice(0, 2).map((tag) => (
            <span key={tag} class="row-chip">
              {tag}
            </span>
          ))}
        </span>
        <span class="inbox-row-bottom">
          <span class={`inbox-row-preview ${c.lastMessagePreview ? '' : 'is-empty'}`}>{c.lastMessagePreview ?? t.inbox.noMessages}</span>
          {unseen && (
            <span class="unread-count" title={t.inbox.unread(unread)}>
              <span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>
              <span class="sr-only">{t.inbox.unread(unread)}</span>
            </span>
          )}
        </span>
      </span>
    </div>
  );
}

/** Memoised: scrolling re-renders the list, and unchanged rows should cost nothing. */
export const InboxRow = memo(InboxRowView);
