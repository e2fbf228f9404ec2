import type { ConversationSummary, PresenceStatus } from '@kefu/client';
import { Avatar } from '../components/avatar.js';
import { useI18n } from '../hooks/use-i18n.js';
import { fullTime, relativeTime } from '../time.js';
import { activityAt } from './order.js';

interface InboxRowProps {
  conversation: ConversationSummary;
  selected: boolean;
  /** Messages after this agent's read cursor. */
  unread: number;
  status: PresenceStatus;
  now: number;
  onSelect: (id: string) => void;
}

export function InboxRow({ conversation: c, selected, unread, status, now, onSelect }: InboxRowProps) {
  const unseen = unread > 0;
  const { t, lang } = useI18n();
  const at = activityAt(c);
  const classes = ['inbox-row', selected && 'is-selected', unseen && 'is-unseen'].filter(Boolean).join(' ');
  return (
    <li>
      <button type="button" class={classes} aria-current={selected ? 'true' : undefined} onClick={() => onSelect(c.id)}>
        <Avatar name={c.visitorName} status={status} statusLabel={t.presence[status]} />
        <span class="inbox-row-main">
          <span class="inbox-row-top">
            <span class="inbox-row-name">{c.visitorName}</span>
            <time class="inbox-row-time" dateTime={new Date(at).toISOString()} title={fullTime(at, lang)}>
              {relativeTime(at, now, t, lang)}
            </time>
          </span>
          <span class="inbox-row-site">{c.siteName}</span>
          <span class="inbox-row-bottom">
            <span class={`inbox-row-preview ${c.lastMessagePreview ? '' : 'is-empty'}`}>
              {c.lastMessagePreview ?? t.inbox.noMessages}
            </span>
            {unseen && (
              <span class="unread-count" title={t.inbox.unread(unread)}>
                <span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>
                <span class="sr-only">{t.inbox.unread(unread)}</span>
              </span>
            )}
          </span>
        </span>
      </button>
    </li>
  );
}
