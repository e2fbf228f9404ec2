import type { ChatItem } from '@kefu/client';
import { AlertIcon, CheckIcon, ClockIcon } from '../components/icons.js';
import { useClient } from '../hooks/use-client.js';
import { useI18n } from '../hooks/use-i18n.js';
import { errorText, type Dict } from '../i18n.js';
import { clockTime, fullTime } from '../time.js';

interface MessageBubbleProps {
  item: ChatItem;
  name: string;
  /** First of a run by the same sender: shows the name. */
  first: boolean;
  /** Last of the run: shows the time (the state is shown whenever it is not plain "sent"). */
  last: boolean;
}

export function MessageBubble({ item, name, first, last }: MessageBubbleProps) {
  const { t, lang } = useI18n();
  const client = useClient();
  if (item.senderType === 'system') {
    return (
      <div class="msg-system" role="note">
        {item.body}
      </div>
    );
  }
  const side = item.senderType === 'agent' ? 'out' : 'in';
  const showMeta = last || item.state !== 'sent';
  const classes = ['msg', `msg-${side}`, first && 'is-first', last && 'is-last', `is-${item.state}`].filter(Boolean).join(' ');
  return (
    <div class={classes}>
      {first && <div class="msg-sender">{name}</div>}
      {/* Rendered as a text node: whatever anyone typed is never HTML. */}
      <div class="msg-bubble" title={fullTime(item.createdAt, lang)}>
        {item.body}
      </div>
      {showMeta && (
        <div class="msg-meta">
          <time dateTime={new Date(item.createdAt).toISOString()}>{clockTime(item.createdAt, lang)}</time>
          {side === 'out' && <MessageState item={item} onRetry={() => client.retry(item.key)} t={t} />}
        </div>
      )}
    </div>
  );
}

function MessageState({ item, onRetry, t }: { item: ChatItem; onRetry: () => void; t: Dict }) {
  if (item.state === 'sending') {
    return (
      <span class="msg-state is-sending">
        <ClockIcon />
        {t.conversation.sending}
      </span>
    );
  }
  if (item.state === 'failed') {
    return (
      <span class="msg-state is-failed" role="alert">
        <AlertIcon />
        {item.error ? t.conversation.failedBecause(errorText(t, item.error)) : t.conversation.failed}
        <button type="button" class="btn-link msg-retry" onClick={onRetry}>
          {t.conversation.retry}
        </button>
      </span>
    );
  }
  if (item.state === 'read') {
    return (
      <span class="msg-state is-read">
        <CheckIcon />
        <CheckIcon />
        {t.conversation.read}
      </span>
    );
  }
  return (
    <span class="msg-state is-sent">
      <CheckIcon />
      {t.conversation.sent}
    </span>
  );
}
