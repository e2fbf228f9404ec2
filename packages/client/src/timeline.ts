import type { Message } from '@kefu/protocol';

export type AddResult = 'added' | 'duplicate' | 'gap';

/**
 * One conversation's messages, ordered and de-duplicated by `seq`. `lastSeq` is the
 * highest seq up to which nothing is missing: what to ask `sync` for after.
 */
export class Timeline {
  private readonly bySeq = new Map<number, Message>();
  private sorted: Message[] | null = [];
  lastSeq = 0;

  add(message: Message): AddResult {
    if (this.bySeq.has(message.seq)) return 'duplicate';
    this.bySeq.set(message.seq, message);
    this.sorted = null;
    while (this.bySeq.has(this.lastSeq + 1)) this.lastSeq++;
    return message.seq > this.lastSeq ? 'gap' : 'added';
  }

  has(clientMsgId: string): boolean {
    return this.messages().some((m) => m.clientMsgId === clientMsgId);
  }

  messages(): readonly Message[] {
    this.sorted ??= [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
    return this.sorted;
  }
}
