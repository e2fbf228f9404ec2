import type { AgentClient, AgentStatusChoice, PresenceStatus } from '@kefu/client';
import { useCallback, useEffect, useState } from 'preact/hooks';

export interface MyStatus {
  /** What the agent chose in the menu (kept by the server across sign-ins). */
  choice: AgentStatusChoice;
  /** What colleagues see: `away` also when every console tab of the agent is idle. */
  presence: PresenceStatus;
  saving: boolean;
  error: unknown;
  choose: (status: AgentStatusChoice) => void;
}

export function useMyStatus(client: AgentClient): MyStatus {
  const read = () => ({ choice: client.statusChoice, presence: client.agent ? client.presenceOf('agent', client.agent.id) : 'offline' as PresenceStatus });
  const [status, setStatus] = useState(read);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const refresh = () => setStatus(read());
    const offState = client.on('state', refresh);
    const offPresence = client.on('presence', (p) => p.kind === 'agent' && p.id === client.agent?.id && refresh());
    refresh();
    return () => {
      offState();
      offPresence();
    };
  }, [client]);

  const choose = useCallback(
    (next: AgentStatusChoice) => {
      setSaving(true);
      setError(null);
      client
        .setStatus(next)
        .then(() => setStatus(read()))
        .catch((err: unknown) => setError(err))
        .finally(() => setSaving(false));
    },
    [client],
  );

  // Before the first presence event, our own presence follows from the choice.
  const presence = status.presence === 'offline' && client.state === 'ready' ? (status.choice === 'away' ? 'away' : 'online') : status.presence;
  return { choice: status.choice, presence, saving, error, choose };
}
