import { listCannedReplies, type AgentClient, type CannedReply } from '@kefu/client';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface CannedReplies {
  replies: CannedReply[];
  loaded: boolean;
  error: unknown;
  reload: () => void;
}

/** The shared and personal canned replies: listed on show, on every `ready`, and again on `cannedChanged`. */
export function useCannedReplies(client: AgentClient): CannedReplies {
  const [replies, setReplies] = useState<CannedReply[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);

  const reload = useCallback(() => {
    const gen = ++generation.current;
    listCannedReplies(location.origin).then(
      (list) => {
        if (gen !== generation.current) return;
        setReplies(list);
        setLoaded(true);
        setError(null);
      },
      (err: unknown) => gen === generation.current && setError(err),
    );
  }, []);

  useEffect(() => {
    reload();
    const offChanged = client.on('cannedChanged', reload);
    const offState = client.on('state', (s) => s === 'ready' && reload());
    return () => {
      offChanged();
      offState();
      generation.current++;
    };
  }, [client, reload]);

  return { replies, loaded, error, reload };
}
