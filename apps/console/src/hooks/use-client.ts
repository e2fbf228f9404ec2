import type { AgentClient, ConnectionState } from '@kefu/client';
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';

export const ClientContext = createContext<AgentClient | null>(null);

/** The signed-in agent's live client; only rendered inside the workspace. */
export function useClient(): AgentClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient() outside <ClientContext.Provider>');
  return client;
}

export function useConnectionState(client: AgentClient): ConnectionState {
  const [state, setState] = useState(client.state);
  useEffect(() => {
    setState(client.state);
    return client.on('state', setState);
  }, [client]);
  return state;
}
