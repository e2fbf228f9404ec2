import type { ChatItem, SenderType } from '@kefu/client';
import { dayKey } from './time.js';

/** Consecutive messages of one sender closer than this share one name and one timestamp. */
const GROUP_GAP_MS = 5 * 60_000;

export type Block =
  | { kind: 'day'; key: string; at: number }
  | { kind: 'group'; key: string; senderType: SenderType; senderName: string | null; items: ChatItem[] };

/** Lays a chat out as day separators and runs of messages from one sender. */
export function blocks(items: readonly ChatItem[]): Block[] {
  const out: Block[] = [];
  let group: Extract<Block, { kind: 'group' }> | null = null;
  let day: number | null = null;
  let last: ChatItem | null = null;
  for (const item of items) {
    const itemDay = dayKey(item.createdAt);
    if (itemDay !== day) {
      day = itemDay;
      group = null;
      out.push({ kind: 'day', key: `day-${itemDay}`, at: item.createdAt });
    }
    const continues =
      group !== null &&
      last !== null &&
      item.senderType === group.senderType &&
      item.senderName === group.senderName &&
      item.createdAt - last.createdAt < GROUP_GAP_MS;
    if (continues) {
      group!.items.push(item);
    } else {
      group = { kind: 'group', key: `group-${item.key}`, senderType: item.senderType, senderName: item.senderName, items: [item] };
      out.push(group);
    }
    last = item;
  }
  return out;
}
