import { AgentClient, CONVERSATION_PAGE_MAX, memoryStorage, VisitorClient, type ChatItem, type KeyValueStorage, type Transport } from '@kefu/client';
import type { ClientRecord, SentMessage, TranscriptItem } from './accounting.js';
import { between, pick, type Random } from './random.js';

/** The Origin a browser on an allowed page of the default site sends (`http://localhost:*`). */
const PAGE_ORIGIN = 'http://localhost:3000';

const line = (item: ChatItem): TranscriptItem => ({ seq: item.seq, clientMsgId: item.key, body: item.body });

/**
 * A person typing at random intervals through `@kefu/client`, and what they were
 * told: every `send()` is recorded in order, and the seq it is first shown with
 * (its acknowledgement, or a sync that found it stored) is noted from the items.
 */
abstract class Actor<C extends VisitorClient | AgentClient> {
  readonly sent: SentMessage[] = [];
  /** Sent, not yet shown as stored. */
  protected readonly waiting = new Map<string, SentMessage>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    readonly name: string,
    readonly client: C,
    protected readonly random: Random,
    private readonly intervalMs: readonly [number, number],
  ) {}

  /** Starts typing (connected or not); `stop()` ends the typing, `close()` the connection. */
  start(): void {
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
  }

  close(): void {
    this.stop();
    this.client.close();
  }

  /** Messages sent and not yet shown as stored. */
  get unacked(): number {
    return this.waiting.size;
  }

  abstract record(): ClientRecord;

  /** Sends one message now, if this person can. */
  protected abstract tick(): void;

  protected body(): string {
    return `${this.name} #${this.sent.length + 1}`;
  }

  protected noteSent(clientMsgId: string, body: string, conversationId: string | null): void {
    const sent: SentMessage = { clientMsgId, body, conversationId, ackedSeq: null };
    this.sent.push(sent);
    this.waiting.set(clientMsgId, sent);
  }

  protected noteAcks(items: readonly ChatItem[], conversationId: string | null): void {
    for (const item of items) {
      const sent = item.seq === null ? undefined : this.waiting.get(item.key);
      if (!sent) continue;
      sent.ackedSeq = item.seq;
      sent.conversationId = conversationId;
      this.waiting.delete(item.key);
    }
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.tick();
      this.schedule();
    }, between(this.random, this.intervalMs));
  }
}

/**
 * A visitor's tab writing into their conversation (created by their first message).
 * Tabs of one visitor share `storage`, as a browser's tabs share localStorage: the
 * visitor token and the outbox.
 */
export class VisitorActor extends Actor<VisitorClient> {
  constructor(
    name: string,
    url: string,
    siteKey: string,
    storage: KeyValueStorage,
    random: Random,
    intervalMs: readonly [number, number],
    transports?: Transport[],
  ) {
    super(name, new VisitorClient({ url, siteKey, storage, extraHeaders: { origin: PAGE_ORIGIN }, transports }), random, intervalMs);
    this.client.on('change', () => {
      if (this.waiting.size) this.noteAcks(this.client.items(), this.client.conversation?.id ?? null);
    });
  }

  protected tick(): void {
    // Typed while offline too: the outbox keeps it.
    const body = this.body();
    this.noteSent(this.client.send(body), body, null);
  }

  record(): ClientRecord {
    const id = this.client.conversation?.id;
    return { name: this.name, sent: this.sent, transcripts: new Map(id ? [[id, this.client.items().map(line)]] : []) };
  }
}

/**
 * An agent following up to `maxFollowed` conversations, picked at random among those
 * it hears of (new messages, inbox updates, the inbox page after each connect), and
 * replying into them with `open()`-ed timelines.
 */
export class AgentActor extends Actor<AgentClient> {
  readonly followed = new Set<string>();
  /** clientMsgIds of every message heard live (`message.created`), followed or not. */
  readonly heardLive = new Set<string>();

  constructor(
    name: string,
    url: string,
    cookie: string,
    random: Random,
    intervalMs: readonly [number, number],
    private readonly maxFollowed: number,
    transports?: Transport[],
  ) {
    super(name, new AgentClient({ url, extraHeaders: { cookie }, storage: memoryStorage(), transports }), random, intervalMs);
    this.client.on('conversation', (c) => this.consider(c.id));
    this.client.on('message', (m) => {
      this.heardLive.add(m.clientMsgId);
      this.consider(m.conversationId);
    });
    this.client.on('change', (id) => {
      if (this.waiting.size) this.noteAcks(this.client.items(id), id);
    });
    this.client.on('state', (state) => {
      if (state !== 'ready') return;
      this.client.listConversations({ limit: CONVERSATION_PAGE_MAX }).then(
        (page) => page.conversations.forEach((c) => this.consider(c.id)),
        () => undefined,
      );
    });
  }

  private consider(conversationId: string): void {
    if (this.followed.has(conversationId) || this.followed.size >= this.maxFollowed || this.random() < 0.5) return;
    this.followed.add(conversationId);
    // Offline or failing, the timeline still exists and the next connect syncs it.
    this.client.open(conversationId).catch(() => undefined);
  }

  protected tick(): void {
    const id = pick(this.random, [...this.followed]);
    if (!id) return;
    const body = this.body();
    let clientMsgId: string;
    try {
      clientMsgId = this.client.send(id, body);
    } catch {
      return; // never connected yet: no outbox, as a console shows no composer
    }
    this.noteSent(clientMsgId, body, id);
  }

  record(): ClientRecord {
    return {
      name: this.name,
      sent: this.sent,
      transcripts: new Map([...this.followed].map((id) => [id, this.client.items(id).map(line)])),
    };
  }
}
