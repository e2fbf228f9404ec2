import type { AgentClient, ConversationSummary } from '@kefu/client';
import { useCallback, useEffect, useState } from 'preact/hooks';

export interface Seen {
  /** Messages after this agent's read cursor (from the server, shared by all the agent's tabs and devices). */
  unread: (c: ConversationSummary) => number;
  isUnseen: (c: ConversationSummary) => boolean;
  /** The agent is looking at the conversation: move the read cursor to its newest message. */
  markSeen: (id: string) => void;
}

/** Unread state from the server's read cursors; re-renders when any cursor moves. */
export function useSeen(client: AgentClient): Seen {
  const [, setVersion] = useState(0);

  useEffect(() => client.on('read', () => setVersion((v) => v + 1)), [client]);

  const unread = useCallback((c: ConversationSummary) => client.unreadCount(c), [client]);
  const isUnseen = useCallback((c: ConversationSummary) => client.unreadCount(c) > 0, [client]);
  const markSeen = useCallback((id: string) => void client.markRead(id).catch(() => undefined), [client]);
  return { unread, isUnseen, markSeen };
}
