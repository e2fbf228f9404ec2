import type { AgentClient, ConversationSummary } from '@kefu/client';
import { useCallback, useEffect, useState } from 'preact/hooks';

/**
 * The open conversation's summary, current: from the inbox when it has it, else asked
 * once (a deep link to a conversation outside the view), then kept by `conversation`
 * events and by the answers to this agent's own actions.
 */
export function useLiveSummary(client: AgentClient, id: string, fromInbox: ConversationSummary | undefined) {
  const [summary, setSummary] = useState<ConversationSummary | undefined>(fromInbox);

  const apply = useCallback(
    (next: ConversationSummary) => setSummary((old) => (old && old.id === next.id && old.lastSeq > next.lastSeq ? { ...next, lastSeq: old.lastSeq } : next)),
    [],
  );

  useEffect(() => {
    if (fromInbox) apply(fromInbox);
  }, [fromInbox, apply]);

  useEffect(() => {
    let active = true;
    const off = client.on('conversation', (c) => c.id === id && apply(c));
    const fetchOnce = () => {
      if (fromInbox) return;
      client.getConversation(id).then((c) => active && apply(c), () => undefined);
    };
    const offState = client.on('state', (s) => s === 'ready' && fetchOnce());
    if (client.state === 'ready') fetchOnce();
    return () => {
      active = false;
      off();
      offState();
    };
    // Only when the conversation changes: the inbox copy is applied by the effect above.
  }, [client, id]);

  return { summary, apply };
}
