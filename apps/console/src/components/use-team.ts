import type { AgentClient, AgentPresence } from '@kefu/client';
import { useEffect, useState } from 'preact/hooks';

/**
 * The workspace's agents with their live presence: listed on every transition to
 * `ready` (presence missed while offline is then right again), kept live from
 * `presence` events.
 */
export function useTeam(client: AgentClient): AgentPresence[] {
  const [team, setTeam] = useState<AgentPresence[]>([]);
  useEffect(() => {
    let active = true;
    const list = () =>
      client.listAgents().then(
        (agents) => active && setTeam(agents),
        () => undefined,
      );
    const offState = client.on('state', (state) => state === 'ready' && void list());
    const offPresence = client.on('presence', (p) => {
      if (p.kind !== 'agent') return;
      setTeam((old) => (old.some((a) => a.id === p.id) ? old.map((a) => (a.id === p.id ? { ...a, status: p.status } : a)) : old));
    });
    if (client.state === 'ready') void list();
    return () => {
      active = false;
      offState();
      offPresence();
    };
  }, [client]);
  return team;
}
