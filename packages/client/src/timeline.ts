import type { Message } from '@kefu/protocol';

export type AddResult = 'added' | 'duplicate' | 'gap';

/**
 * One conversation's messages, ordered and de-duplicated by `seq`. `floor` is the
 * lowest seq loaded (an agent opens a conversation at its newest page and scrolls
 * up from there); `lastSeq` the highest seq up to which nothing is missing after
 * the floor: what to ask `sync` for after. A gap above `lastSeq` is still a gap.
 */
export class Timeline {
  private readonly bySeq = new Map<number, Message>();
  private sorted: Message[] | null = [];
  private floorSeq = 1;
  lastSeq = 0;

  /** The lowest seq loaded (1 once the whole history is in). */
  get floor(): number {
    return this.floorSeq;
  }

  /**
   * An empty timeline that starts at `floor`: what comes before is not loaded yet
   * (see `addOlder`), and nothing before it counts as missing.
   */
  static startingAt(floor: number): Timeline {
    const timeline = new Timeline();
    timeline.floorSeq = Math.max(1, floor);
    timeline.lastSeq = timeline.floorSeq - 1;
    return timeline;
  }

  add(message: Message): AddResult {
    // Below the floor: history not loaded yet, which `addOlder` brings in order.
    if (this.bySeq.has(message.seq) || message.seq < this.floorSeq) return 'duplicate';
    this.bySeq.set(message.seq, message);
    this.sorted = null;
    while (this.bySeq.has(this.lastSeq + 1)) this.lastSeq++;
    return message.seq > this.lastSeq ? 'gap' : 'added';
  }

  /** An older page (`messages.history`, oldest first, just below the floor): lowers the floor. */
  addOlder(messages: readonly Message[]): Message[] {
    const added: Message[] = [];
    for (const m of messages) {
      if (m.seq >= this.floorSeq || this.bySeq.has(m.seq)) continue;
      this.bySeq.set(m.seq, m);
      added.push(m);
    }
    if (added.length) {
      this.floorSeq = Math.min(...added.map((m) => m.seq));
      this.sorted = null;
    }
    return added;
  }

  has(clientMsgId: string): boolean {
    return this.messages().some((m) => m.clientMsgId === clientMsgId);
  }

  messages(): readonly Message[] {
    this.sorted ??= [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
    return this.sorted;
  }
}
