import type { KeyValueStorage, VisitorClient } from '@kefu/client';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Bridge } from '../embed.js';
import { useClient } from '../useClient.js';
import { Composer } from './Composer.js';
import { Header } from './Header.js';
import { MessageList } from './MessageList.js';
import { Unavailable, unavailableReason } from './Unavailable.js';

interface Props {
  client: VisitorClient;
  bridge: Bridge;
  storage: KeyValueStorage;
  siteKey: string;
}

function usePageVisible(): boolean {
  const [visible, setVisible] = useState(document.visibilityState === 'visible');
  useEffect(() => {
    const update = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return visible;
}

export function App({ client, bridge, storage, siteKey }: Props) {
  const { items, state, error } = useClient(client);
  const [shown, setShown] = useState(bridge.shown);
  const [shownAt, setShownAt] = useState(0);
  const pageVisible = usePageVisible();
  const input = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const focus = () => {
      // Only when the loader moved focus into the frame (the visitor clicked the launcher),
      // and not on touch screens, where the keyboard would cover the chat.
      if (document.hasFocus() && matchMedia('(pointer: fine)').matches) input.current?.focus({ preventScroll: true });
    };
    // The loader's first `open` may have come before this effect subscribed.
    setShown(bridge.shown);
    if (bridge.shown && bridge.embedded) focus();
    return bridge.on('visibility', (open) => {
      setShown(open);
      if (!open) return;
      setShownAt(Date.now());
      focus();
    });
  }, [bridge]);

  useEffect(() => {
    if (!bridge.embedded) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) bridge.close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [bridge]);

  // Read cursors live on the server: reading here clears the badge in every tab and
  // shows the agent "read"; the badge counts agent messages after the cursor.
  useEffect(() => {
    if (shown && pageVisible && state === 'ready') client.markRead().catch(() => undefined);
    bridge.unread(shown ? 0 : client.unreadCount());
  });

  const draft = useMemo(() => {
    const key = `kefu:${siteKey}:draft`;
    return { load: () => storage.get(key) ?? '', save: (text: string) => (text ? storage.set(key, text) : storage.remove(key)) };
  }, [storage, siteKey]);
  const onClose = bridge.embedded ? () => bridge.close() : undefined;

  return (
    <div class="chat">
      <Header state={state} typing={client.agentTyping()} onClose={onClose} />
      {state === 'failed' ? (
        <Unavailable reason={unavailableReason(error?.code)} />
      ) : (
        <>
          <MessageList
            items={items}
            state={state}
            shownAt={shownAt}
            onRetry={(key) => client.retry(key)}
            onDiscard={(key) => client.discard(key)}
          />
          <Composer inputRef={input} draft={draft} onSend={(body) => client.send(body)} onDraft={(text) => client.setDraft(text)} />
        </>
      )}
    </div>
  );
}
