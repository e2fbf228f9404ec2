/** An agent routing may give a conversation to, with what they carry now. */
export interface Candidate {
  id: string;
  openChats: number;
  maxChats: number;
  /** When routing last gave them one (a stamp that only grows); null: never. */
  lastAssignedAt: number | null;
}

/**
 * The agent with the fewest open chats below their capacity; among equals the one
 * routing served longest ago (never first), then the smaller id: round-robin, and the
 * same answer on every node. `exclude`: the agent a conversation is taken away from.
 */
export function pickAgent(candidates: readonly Candidate[], exclude: string | null = null): Candidate | null {
  let best: Candidate | null = null;
  for (const c of candidates) {
    if (c.id === exclude || c.openChats >= c.maxChats) continue;
    if (!best || before(c, best)) best = c;
  }
  return best;
}

function before(a: Candidate, b: Candidate): boolean {
  if (a.openChats !== b.openChats) return a.openChats < b.openChats;
  if (a.lastAssignedAt !== b.lastAssignedAt) {
    if (a.lastAssignedAt === null) return true;
    if (b.lastAssignedAt === null) return false;
    return a.lastAssignedAt < b.lastAssignedAt;
  }
  return a.id < b.id;
}
