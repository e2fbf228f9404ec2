import type { Agent, ConnectionState, ConversationSummary, PresenceStatus } from '@kefu/client';
import { useEffect } from 'preact/hooks';
import { AlertIcon, ChatIcon } from '../components/icons.js';
import { useTeam } from '../components/use-team.js';
import { useClient } from '../hooks/use-client.js';
import { useConversation } from '../hooks/use-conversation.js';
import { useI18n } from '../hooks/use-i18n.js';
import { useLiveSummary } from '../hooks/use-live-summary.js';
import { errorText } from '../i18n.js';
import { Composer } from './composer.js';
import { ConversationHeader } from './conversation-header.js';
import './conversation.css';
import { MessageList } from './message-list.js';
import { TypingPreview } from './typing-preview.js';

interface ConversationPaneProps {
  id: string | null;
  summary: ConversationSummary | undefined;
  visitorStatus: PresenceStatus | undefined;
  agent: Agent;
  state: ConnectionState;
  onBack: () => void;
  /** Called with the newest seq the agent has had in front of them. */
  onSeen: (id: string) => void;
}

export function ConversationPane(props: ConversationPaneProps) {
  const { t } = useI18n();
  if (!props.id) {
    return (
      <section class="conversation conversation-empty" aria-label={t.conversation.selectTitle}>
        <div class="empty">
          <span class="empty-icon empty-icon-lg">
            <ChatIcon />
          </span>
          <p class="empty-title">{t.conversation.selectTitle}</p>
          <p class="empty-body">{t.conversation.selectBody}</p>
        </div>
      </section>
    );
  }
  return <OpenConversation {...props} id={props.id} />;
}

function OpenConversation({ id, summary: fromInbox, visitorStatus, agent, state, onBack, onSeen }: ConversationPaneProps & { id: string }) {
  const { t } = useI18n();
  const client = useClient();
  const team = useTeam(client);
  const { summary, apply } = useLiveSummary(client, id, fromInbox);
  const { items, notes, hasOlder, loadingOlder, loadOlder, loaded, error } = useConversation(client, id);
  const visitorName = summary?.visitorName ?? t.conversation.visitor;
  const status = visitorStatus ?? (summary ? client.presenceOf('visitor', summary.visitorId) : undefined);

  const newestSeq = items.reduce((max, item) => Math.max(max, item.seq ?? 0), summary?.lastSeq ?? 0);
  useEffect(() => {
    if (newestSeq === 0) return;
    const mark = () => document.visibilityState === 'visible' && onSeen(id);
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [id, newestSeq, onSeen]);

  return (
    <section class="conversation" aria-label={visitorName}>
      <ConversationHeader summary={summary} visitorName={visitorName} status={status} agent={agent} team={team} onBack={onBack} onChanged={apply} />
      {(state === 'reconnecting' || state === 'connecting') && (
        <div class="banner banner-warn" role="status">
          <span class="spinner spinner-dark" aria-hidden="true" />
          {t.connection.offlineHint}
        </div>
      )}
      {state === 'failed' && (
        <div class="banner banner-error" role="alert">
          <AlertIcon />
          <span>{client.lastError ? errorText(t, client.lastError) : t.connection.failedDetail}</span>
          <button type="button" class="btn-link" onClick={() => location.reload()}>
            {t.connection.reload}
          </button>
        </div>
      )}
      {error !== null ? (
        <div class="empty">
          <span class="empty-icon">
            <AlertIcon />
          </span>
          <p class="empty-title">{t.conversation.loadFailed}</p>
          <p class="empty-body">{errorText(t, error)}</p>
        </div>
      ) : (
        <MessageList
          key={id}
          items={items}
          notes={notes}
          loaded={loaded}
          hasOlder={hasOlder}
          loadingOlder={loadingOlder}
          loadOlder={loadOlder}
          agent={agent}
          team={team}
          visitorName={visitorName}
        />
      )}
      {error === null && <TypingPreview conversationId={id} visitorName={visitorName} />}
      {error === null && <Composer conversationId={id} visitorName={visitorName} canSend={client.agent !== null} closed={summary?.status === 'closed'} />}
    </section>
  );
}
