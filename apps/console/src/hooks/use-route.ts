import { useCallback, useEffect, useState } from 'preact/hooks';

const CONVERSATION_HASH = /^#\/c\/([^/?#]+)$/;

function read(): string | null {
  const match = CONVERSATION_HASH.exec(location.hash);
  return match ? decodeURIComponent(match[1]!) : null;
}

function url(id: string | null): string {
  return location.pathname + location.search + (id ? `#/c/${encodeURIComponent(id)}` : '');
}

/**
 * The open conversation lives in the URL hash (#/c/<id>): a reload keeps it, and on
 * a phone the back button returns to the inbox. Opening a chat from the inbox pushes
 * one history entry; switching between chats replaces it, so "back" always means inbox.
 */
export function useSelectedConversation(): [string | null, (id: string | null) => void] {
  const [selected, setSelected] = useState(read);
  useEffect(() => {
    const onChange = () => setSelected(read());
    addEventListener('popstate', onChange);
    addEventListener('hashchange', onChange);
    return () => {
      removeEventListener('popstate', onChange);
      removeEventListener('hashchange', onChange);
    };
  }, []);
  const select = useCallback((id: string | null) => {
    const current = read();
    if (id === current) return;
    const pushed = (history.state as { kefuPushed?: boolean } | null)?.kefuPushed === true;
    if (id && !current) history.pushState({ kefuPushed: true }, '', url(id));
    else if (!id && pushed) history.back();
    else history.replaceState(pushed ? { kefuPushed: true } : null, '', url(id));
    setSelected(id);
  }, []);
  return [selected, select];
}
