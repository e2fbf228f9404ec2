import { listCannedReplies, type AgentClient, type CannedReply } from '@kefu/client';
import { useEffect, useState } from 'preact/hooks';

/** The canned replies this agent may use (shared and personal), listed again on every `cannedChanged`. */
export function useCannedReplies(client: AgentClient): CannedReply[] {
  const [replies, setReplies] = useState<CannedReply[]>([]);
  useEffect(() => {
    let active = true;
    const list = () =>
      listCannedReplies(location.origin).then(
        (r) => active && setReplies(r),
        () => undefined,
      );
    const offChanged = client.on('cannedChanged', () => void list());
    const offState = client.on('state', (s) => s === 'ready' && void list());
    void list();
    return () => {
      active = false;
      offChanged();
      offState();
    };
  }, [client]);
  return replies;
}
