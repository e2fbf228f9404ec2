import type { Typing } from '@kefu/client';
import { useEffect, useState } from 'preact/hooks';
import { useClient } from '../hooks/use-client.js';
import { useI18n } from '../hooks/use-i18n.js';

/** Who is typing in this conversation, live; re-rendered on every typing event. */
function useTyping(conversationId: string): Typing[] {
  const client = useClient();
  const [typing, setTyping] = useState(() => client.typingIn(conversationId));
  useEffect(() => {
    setTyping(client.typingIn(conversationId));
    return client.on('typing', (id) => id === conversationId && setTyping(client.typingIn(conversationId)));
  }, [client, conversationId]);
  return typing;
}

/**
 * The visitor's message as they type it, before they send it ("typing preview"),
 * marked as not sent; colleagues typing are named.
 */
export function TypingPreview({ conversationId, visitorName }: { conversationId: string; visitorName: string }) {
  const { t } = useI18n();
  const typing = useTyping(conversationId);
  const visitor = typing.find((x) => x.senderType === 'visitor');
  const colleagues = typing.filter((x) => x.senderType === 'agent').map((x) => x.senderName ?? '');
  if (!visitor && colleagues.length === 0) return null;
  return (
    <div class="typing-preview" aria-live="polite">
      {visitor && (
        <div class="typing-draft">
          <span class="typing-label">
            <span class="typing-dots" aria-hidden="true"><i /><i /><i /></span>
            {t.typing.visitor(visitorName)}
          </span>
          {visitor.draft && <p class="typing-text">{visitor.draft}</p>}
        </div>
      )}
      {colleagues.length > 0 && <span class="typing-label">{t.typing.colleagues(colleagues.join(', '))}</span>}
    </div>
  );
}
