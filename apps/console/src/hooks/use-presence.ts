import type { AgentClient, PresenceStatus } from '@kefu/client';
import { useCallback, useEffect, useState } from 'preact/hooks';

/** A visitor's presence, re-rendering whenever anyone's presence changes. */
export function usePresence(client: AgentClient): (visitorId: string) => PresenceStatus {
  const [version, setVersion] = useState(0);
  useEffect(() => client.on('presence', () => setVersion((v) => v + 1)), [client]);
  // `version` makes a new function after every change, so memoised children re-render.
  return useCallback((visitorId: string) => client.presenceOf('visitor', visitorId), [client, version]);
}
