import type { ConversationSummary } from '@kefu/client';
import { useCallback, useEffect, useState } from 'preact/hooks';

/** Enough for any inbox; the oldest marks are dropped beyond it. */
const SEEN_MAX_ENTRIES = 500;

type SeenMap = Record<string, number>;

function load(key: string): SeenMap {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key) ?? '{}');
    return value && typeof value === 'object' ? (value as SeenMap) : {};
  } catch {
    return {};
  }
}

function save(key: string, map: SeenMap): void {
  const entries = Object.entries(map);
  const kept = entries.length > SEEN_MAX_ENTRIES ? Object.fromEntries(entries.slice(-SEEN_MAX_ENTRIES)) : map;
  try {
    localStorage.setItem(key, JSON.stringify(kept));
  } catch {
    // Not persisted: the markers still work until reload.
  }
}

export interface Seen {
  isUnseen: (c: ConversationSummary) => boolean;
  markSeen: (id: string, seq: number) => void;
}

/**
 * A local stand-in for read cursors: the highest seq this browser has shown the
 * agent, per conversation. Anything beyond it is "new activity" in the inbox.
 */
export function useSeen(agentId: string): Seen {
  const key = `kefu:console:${agentId}:seen`;
  const [seen, setSeen] = useState<SeenMap>(() => load(key));

  useEffect(() => {
    // Another tab of the console read something: follow it.
    const onStorage = (e: StorageEvent) => e.key === key && setSeen(load(key));
    addEventListener('storage', onStorage);
    return () => removeEventListener('storage', onStorage);
  }, [key]);

  const markSeen = useCallback(
    (id: string, seq: number) => {
      setSeen((map) => {
        if ((map[id] ?? 0) >= seq) return map;
        // Re-inserted last, so that pruning in save() drops the longest-untouched marks.
        const next = { ...map };
        delete next[id];
        next[id] = seq;
        save(key, next);
        return next;
      });
    },
    [key],
  );

  const isUnseen = useCallback((c: ConversationSummary) => c.lastSeq > (seen[c.id] ?? 0), [seen]);
  return { isUnseen, markSeen };
}
