import { memoryStorage, type ChatItem } from '@kefu/client';
import { describe, expect, it } from 'vitest';
import { SeenCursor } from './unread.js';

function item(seq: number | null, senderType: ChatItem['senderType']): ChatItem {
  return { key: `k${seq}`, seq, body: '', senderType, senderName: null, createdAt: 0, state: seq ? 'sent' : 'sending', error: null };
}

describe('SeenCursor', () => {
  it("counts agents' messages after the cursor, never the visitor's own", () => {
    const cursor = new SeenCursor(memoryStorage(), 'seen');
    expect(cursor.unread([item(1, 'visitor'), item(2, 'agent'), item(3, 'agent'), item(null, 'visitor')])).toBe(2);
  });

  it('remembers what was seen across instances (a reload replays the history)', () => {
    const storage = memoryStorage();
    const items = [item(1, 'agent'), item(2, 'agent')];
    new SeenCursor(storage, 'seen').markSeen(items);
    const again = new SeenCursor(storage, 'seen');
    expect(again.unread(items)).toBe(0);
    expect(again.unread([...items, item(3, 'agent')])).toBe(1);
  });
});
