import type { ConversationSummary, PresenceStatus } from '@kefu/client';
import { Avatar } from '../components/avatar.js';
import { BackIcon, GlobeIcon } from '../components/icons.js';
import { useI18n } from '../hooks/use-i18n.js';

interface ConversationHeaderProps {
  summary: ConversationSummary | undefined;
  visitorName: string;
  status: PresenceStatus | undefined;
  onBack: () => void;
}

export function ConversationHeader({ summary, visitorName, status, onBack }: ConversationHeaderProps) {
  const { t } = useI18n();
  const closed = summary?.status === 'closed';
  return (
    <div class="pane-header conversation-header">
      <button type="button" class="icon-btn back-btn" onClick={onBack} aria-label={t.conversation.back} title={t.conversation.back}>
        <BackIcon />
      </button>
      <Avatar name={visitorName} {...(status ? { status, statusLabel: t.presence[status] } : {})} />
      <div class="conversation-title">
        <h2 class="pane-title">{visitorName}</h2>
        {summary && (
          <span class="conversation-site">
            <GlobeIcon />
            {summary.siteName}
            {status && <span class={`presence-text is-${status}`}> · {t.presence[status]}</span>}
          </span>
        )}
      </div>
      {summary && (
        <span class={`status-pill ${closed ? 'is-closed' : 'is-open'}`}>
          {closed ? t.conversation.statusClosed : t.conversation.statusOpen}
        </span>
      )}
    </div>
  );
}
