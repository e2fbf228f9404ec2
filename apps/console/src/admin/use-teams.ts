import type { AgentClient, Team } from '@kefu/client';
import { useEffect, useState } from 'preact/hooks';

/**
 * The workspace's teams over the socket (`teams.list`, which every agent may read): the
 * inbox's team filter and transfers to a team. Listed on `ready`, again on `workspaceChanged`.
 */
export function useTeams(client: AgentClient): Team[] {
  const [teams, setTeams] = useState<Team[]>([]);
  useEffect(() => {
    let active = true;
    const list = () =>
      client.listTeams().then(
        (found) => active && setTeams(found),
        () => undefined,
      );
    const offState = client.on('state', (s) => s === 'ready' && void list());
    const offChanged = client.on('workspaceChanged', (what) => what.teams && void list());
    if (client.state === 'ready') void list();
    return () => {
      active = false;
      offState();
      offChanged();
    };
  }, [client]);
  return teams;
}
