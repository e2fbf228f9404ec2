import { describe, expect, it } from 'vitest';
import { pickAgent, type Candidate } from './pick.js';

const agent = (id: string, openChats: number, lastAssignedAt: number | null = null, maxChats = 3): Candidate => ({ id, openChats, maxChats, lastAssignedAt });

describe('picking an agent', () => {
  it('takes the fewest open chats, never a full agent', () => {
    expect(pickAgent([agent('a', 2), agent('b', 1), agent('c', 0, 5, 0)])?.id).toBe('b');
    expect(pickAgent([agent('a', 3), agent('b', 3)])).toBeNull();
    expect(pickAgent([])).toBeNull();
  });

  it('breaks ties by who was served longest ago (never first), then by id', () => {
    expect(pickAgent([agent('a', 1, 20), agent('b', 1, 10), agent('c', 1, 30)])?.id).toBe('b');
    expect(pickAgent([agent('a', 1, 20), agent('b', 1, null)])?.id).toBe('b');
    expect(pickAgent([agent('b', 1, null), agent('a', 1, null)])?.id).toBe('a');
  });

  it('skips the agent a conversation is taken from', () => {
    expect(pickAgent([agent('a', 0), agent('b', 2)], 'a')?.id).toBe('b');
    expect(pickAgent([agent('a', 0)], 'a')).toBeNull();
  });
});
