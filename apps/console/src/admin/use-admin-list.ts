import type { AgentClient, AgentClientEvents } from '@kefu/client';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

type Topic = keyof AgentClientEvents['workspaceChanged'];

export interface AdminList<T> {
  items: T[];
  loaded: boolean;
  error: unknown;
  reload: () => void;
}

/**
 * One admin list (sites, agents, teams): loaded on show, on every `ready` (changes
 * missed while offline), and again when an admin anywhere changes that `topic`.
 */
export function useAdminList<T>(client: AgentClient, topic: Topic, load: () => Promise<T[]>): AdminList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const reload = useCallback(() => {
    const gen = ++generation.current;
    loader.current().then(
      (list) => {
        if (gen !== generation.current) return;
        setItems(list);
        setLoaded(true);
        setError(null);
      },
      (err: unknown) => gen === generation.current && setError(err),
    );
  }, []);

  useEffect(() => {
    reload();
    const offChanged = client.on('workspaceChanged', (what) => what[topic] && reload());
    const offState = client.on('state', (s) => s === 'ready' && reload());
    return () => {
      offChanged();
      offState();
      generation.current++;
    };
  }, [client, reload, topic]);

  return { items, loaded, error, reload };
}
