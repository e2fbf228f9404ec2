import type { VisitorDetails } from '@kefu/client';
import { useI18n } from '../hooks/use-i18n.js';
import { useNow } from '../hooks/use-now.js';
import { relativeTime } from '../time.js';

type Previous = VisitorDetails['previousConversations'][number];

/** The visitor's other conversations; a click opens one. */
export function PreviousConversations({ conversations, onOpen }: { conversations: Previous[]; onOpen: (id: string) => void }) {
  const { t, lang } = useI18n();
  const now = useNow();
  if (conversations.length === 0) return <p class="vp-muted">{t.visitor.noPrevious}</p>;
  return (
    <ul class="vp-previous">
      {conversations.map((c) => (
        <li key={c.id}>
          <button type="button" class="vp-previous-item" onClick={() => onOpen(c.id)}>
            <span class="vp-previous-top">
              <span class={`status-pill ${c.status === 'closed' ? 'is-closed' : 'is-open'}`}>
                {c.status === 'closed' ? t.conversation.statusClosed : t.conversation.statusOpen}
              </span>
              <span class="vp-previous-time">{relativeTime(c.lastMessageAt ?? c.createdAt, now, t, lang)}</span>
            </span>
            <span class="vp-previous-preview">{c.lastMessagePreview ?? t.inbox.noMessages}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
