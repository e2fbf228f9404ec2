import type { ChatItem, ConnectionState, KefuError, VisitorClient } from '@kefu/client';
import { useEffect, useState } from 'preact/hooks';

export interface ClientView {
  items: ChatItem[];
  state: ConnectionState;
  error: KefuError | null;
}

/** Re-renders on every change of the client's messages or connection state. */
export function useClient(client: VisitorClient): ClientView {
  const [, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const stops = [client.on('change', bump), client.on('state', bump)];
    return () => stops.forEach((stop) => stop());
  }, [client]);
  return { items: client.items(), state: client.state, error: client.lastError };
}
