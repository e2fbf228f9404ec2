import type {
  Conversation,
  Identity,
  Message,
  MessagePage,
  PageView,
  ProfileUpdate,
  QueuePosition,
  ReadReceipt,
  Typing,
  VisitorProfile,
  VisitorSession,
  VisitorUpdated,
  WidgetConfig,
} from '@kefu/protocol';
import { NAMESPACES } from '@kefu/protocol';
import type { Socket } from 'socket.io-client';
import { catchUp, chatItems, type ChatItem } from './chat.js';
import { Connection, type ConnectionEvents, type ConnectionOptions } from './connection.js';
import { KefuError } from './errors.js';
import { drain } from './drain.js';
import { serial } from './serial.js';
import { newClientMsgId } from './ids.js';
import { pageVisible } from './lifecycle.js';
import { Outbox, type PendingMessage } from './outbox.js';
import { PendingProfile } from './profile.js';
import { ReadCursors } from './reads.js';
import { request } from './request.js';
import { defaultStorage, type KeyValueStorage } from './storage.js';
import { Timeline } from './timeline.js';
import { TypingBoard, TypingSender } from './typing.js';

export interface VisitorClientOptions extends ConnectionOptions {
  siteKey: string;
  /** Where the visitor token and the outbox live; localStorage in browsers by default. */
  storage?: KeyValueStorage;
  /** The embedding page's origin, when running inside Kefu's widget iframe. */
  hostOrigin?: string;
  /** A logged-in user of the site, with the hash its server made (see `identify`). */
  identity?: Identity | null;
}

/** The browser's language and time zone, for the agents' visitor panel (absent outside browsers). */
function browserLocale(): { language?: string; timeZone?: string } {
  const language = typeof navigator === 'undefined' ? undefined : navigator.language;
  let timeZone: string | undefined;
  try {
    timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    // No Intl time zones here.
  }
  return { ...(language ? { language: language.slice(0, 35) } : {}), ...(timeZone ? { timeZone: timeZone.slice(0, 64) } : {}) };
}

/** A visitor's unsent message; the pre-chat department rides along in storage, so a reload before the ack still sends it. */
type VisitorPending = PendingMessage & { teamId?: string };

/** Page views kept while offline; older ones are dropped first (the trail is a hint, not a record). */
const PAGE_VIEWS_PENDING_MAX = 20;

export interface VisitorClientEvents extends ConnectionEvents {
  /** Something visible changed: messages, states or the conversation. */
  change: void;
  /** A message from someone else arrived (not replayed by a sync of our own sends). */
  message: Message;
  /** The server refused a profile update (`updateProfile`) for good; it was dropped. */
  profileError: KefuError;
  /** An agent started a chat with the visitor (from the radar): the widget opens on it. */
  invited: { conversation: Conversation; message: Message };
}

/**
 * A visitor's side of the chat: recognised by a token kept in storage, with an
 * outbox that resends until acknowledged and a timeline that syncs after every
 * reconnect.
 *
 * @example
 * const chat = new VisitorClient({ url: 'https://chat.example.com', siteKey: 'demo' });
 * chat.on('change', () => render(chat.items()));
 * chat.connect();
 * chat.send('Hello!');
 */
export class VisitorClient extends Connection<VisitorClientEvents> {
  visitorId: string | null = null;
  conversation: Conversation | null = null;
  /** The site's widget settings, from the server (null until the first connection). */
  site: WidgetConfig | null = null;
  /** Whether an agent is connected; with the site's business hours it decides "leave a message". */
  agentsOnline = false;
  /**
   * The visitor's place in the queue while their conversation waits for an agent (1:
   * next), live; null once an agent has it (or it never waited).
   *
   * @example
   * chat.on('change', () => banner.hidden = chat.queuePosition === null);
   */
  queuePosition: number | null = null;
  /** Who the visitor is, as the server has it (pending updates not yet applied). */
  profile: VisitorProfile | null = null;
  private identity: Identity | null;
  private readonly pendingProfile: PendingProfile;
  private pageViews: PageView[] = [];
  private timeline = new Timeline();
  private readonly reads = new ReadCursors();
  private readonly typingBoard = new TypingBoard(() => this.emit('change', undefined));
  private readonly typingSender = new TypingSender((typing, draft) => {
    const id = this.conversation?.id;
    if (!id || this.state !== 'ready' || !this.socket) return;
    request(this.socket, 'typing.update', { conversationId: id, typing, ...(typing ? { draft } : {}) }).catch(() => undefined);
  });
  private readonly storage: KeyValueStorage;
  private readonly outbox: Outbox;

  constructor(private readonly visitorOptions: VisitorClientOptions) {
    super(NAMESPACES.visitor, visitorOptions);
    this.storage = visitorOptions.storage ?? defaultStorage();
    this.outbox = new Outbox(this.storage, this.key('outbox'));
    this.pendingProfile = new PendingProfile(this.storage, this.key('profile'));
    this.identity = visitorOptions.identity ?? null;
  }

  /**
   * Who the visitor is on the site (null: anonymous). `hash` is the hex HMAC-SHA256 of
   * `userId` with the site's identity secret, made by the site's server; a verified
   * user gets their conversations on every device. Reconnects when it changed.
   *
   * @example chat.identify({ userId: '42', name: 'Li Lei', hash: serverMadeHash });
   */
  identify(identity: Identity | null): void {
    if (JSON.stringify(identity) === JSON.stringify(this.identity)) return;
    this.identity = identity;
    this.reconnect();
  }

  /**
   * Sets the visitor's name, email, phone or custom attributes (merged; null removes
   * one). Kept in storage and sent when connected; `profile` and a `change` event
   * follow the server's answer, a refusal comes as `profileError`.
   */
  updateProfile(update: ProfileUpdate): void {
    this.pendingProfile.merge(update);
    void this.flushProfile();
  }

  /** The visitor opened a page (the loader reports each one): agents see the trail. */
  pageView(view: PageView): void {
    this.pageViews = [...this.pageViews, view].slice(-PAGE_VIEWS_PENDING_MAX);
    void this.flushPageViews();
  }

  /**
   * Forgets the visitor on this browser (the site's user logged out): token, unsent
   * messages and profile changes go, and the client comes back as a new visitor.
   */
  forget(): void {
    this.identity = null;
    for (const name of ['token', 'profile']) this.storage.remove(this.key(name));
    this.outbox.clear();
    this.visitorId = null;
    this.conversation = null;
    this.profile = null;
    this.timeline = new Timeline();
    this.emit('change', undefined);
    this.reconnect();
  }

  private key(name: string): string {
    return `kefu:${this.visitorOptions.siteKey}:${name}`;
  }

  /** The chat as it should be shown: stored messages in order, then unsent ones. */
  items(): ChatItem[] {
    const id = this.conversation?.id;
    return chatItems(this.timeline, this.outbox.all(), 'visitor', id ? this.reads.agentSeq(id) : 0);
  }

  /** Messages from agents after the visitor's read cursor: the launcher's badge. */
  unreadCount(): number {
    const id = this.conversation?.id;
    if (!id) return 0;
    const read = this.reads.visitorSeq(id);
    // Agents' messages only: "Mei joined the chat" is no reason for a badge.
    return this.timeline.messages().filter((m) => m.senderType === 'agent' && m.seq > read).length;
  }

  /**
   * The visitor has seen everything shown: move the read cursor to the newest message.
   * Every tab of the visitor and the agents get the receipt.
   */
  async markRead(): Promise<void> {
    const socket = this.socket;
    const id = this.conversation?.id;
    const seq = this.timeline.lastSeq;
    if (!socket?.connected || !id || seq <= this.reads.visitorSeq(id)) return;
    const { seq: after } = await request<{ seq: number }>(socket, 'conversation.read', { conversationId: id, seq });
    if (this.reads.apply({ conversationId: id, readerType: 'visitor', readerId: this.visitorId ?? '', seq: after })) this.emit('change', undefined);
  }

  /** The text in the message box changed: agents see "typing" and a live preview of it. */
  setDraft(text: string): void {
    this.typingSender.update(text);
  }

  /** The name of an agent typing right now, or null. */
  agentTyping(): string | null {
    const id = this.conversation?.id;
    const typing = id ? this.typingBoard.in(id)[0] : undefined;
    return typing ? typing.senderName ?? '' : null;
  }

  /**
   * Queues a message and sends it as soon as possible; returns its clientMsgId.
   * `teamId`: the department chosen in the pre-chat form (one of `site.departments`),
   * for a message that starts a conversation; it is kept in the outbox with the message.
   *
   * @example chat.send('Is my order shipped?', { teamId: chat.site.departments[0].id });
   */
  send(body: string, options: { teamId?: string } = {}): string {
    this.typingSender.stop();
    const clientMsgId = newClientMsgId();
    // After an agent closed the chat, the next message starts a new conversation.
    const conversationId = this.conversation?.status === 'open' ? this.conversation.id : null;
    const pending: VisitorPending = { clientMsgId, conversationId, body, createdAt: Date.now(), ...(options.teamId ? { teamId: options.teamId } : {}) };
    this.outbox.add(pending);
    this.emit('change', undefined);
    this.flush();
    return clientMsgId;
  }

  /** Sends a refused message again (after the cause was fixed). */
  retry(clientMsgId: string): void {
    this.outbox.update(clientMsgId, { error: undefined });
    this.emit('change', undefined);
    this.flush();
  }

  discard(clientMsgId: string): void {
    if (this.outbox.remove(clientMsgId)) this.emit('change', undefined);
  }

  protected handshake(): Record<string, unknown> {
    const token = this.storage.get(this.key('token'));
    return {
      siteKey: this.visitorOptions.siteKey,
      ...(token ? { visitorToken: token } : {}),
      ...(this.visitorOptions.hostOrigin ? { hostOrigin: this.visitorOptions.hostOrigin } : {}),
      ...(this.identity ? { identity: this.identity } : {}),
      ...browserLocale(),
    };
  }

  protected override recover(error: KefuError): boolean {
    // An unknown or revoked token: forget it and come back as a new visitor.
    if (error.code !== 'UNAUTHENTICATED' || !this.storage.get(this.key('token'))) return false;
    this.storage.remove(this.key('token'));
    return true;
  }

  protected listen(socket: Socket): void {
    socket.on('message.created', (message: Message) => void this.receive(message));
    socket.on('conversation.updated', (conversation: Conversation) => {
      this.setConversation(conversation);
      this.emit('change', undefined);
    });
    socket.on('conversation.read', (receipt: ReadReceipt) => {
      if (this.reads.apply(receipt)) this.emit('change', undefined);
    });
    socket.on('typing.changed', (typing: Typing) => this.typingBoard.apply(typing));
    socket.on('conversation.invited', (invite: { conversation: Conversation; message: Message }) => {
      this.setConversation(invite.conversation);
      void this.receive(invite.message);
      this.emit('invited', invite);
    });
    socket.on('site.availability', ({ agentsOnline }: { agentsOnline: boolean }) => {
      this.agentsOnline = agentsOnline;
      this.emit('change', undefined);
    });
    socket.on('queue.position', ({ conversationId, position }: QueuePosition) => {
      // A place of another (older) conversation says nothing of this one.
      if (this.conversation && conversationId !== this.conversation.id) return;
      this.queuePosition = position;
      this.emit('change', undefined);
    });
    socket.on('site.updated', (config: WidgetConfig) => {
      this.site = config;
      this.emit('change', undefined);
    });
    socket.on('visitor.updated', ({ visitorId, profile }: VisitorUpdated) => {
      if (visitorId !== this.visitorId) return;
      this.profile = profile;
      this.emit('change', undefined);
    });
  }

  protected async greet(socket: Socket): Promise<void> {
    const session = await request<VisitorSession>(socket, 'session.hello', {});
    if (this.visitorId !== null && session.visitorId !== this.visitorId) {
      // Another visitor now (identified as another user): nothing shown belongs to them.
      this.conversation = null;
      this.timeline = new Timeline();
    }
    this.visitorId = session.visitorId;
    this.storage.set(this.key('token'), session.visitorToken);
    this.site = session.site;
    this.agentsOnline = session.agentsOnline;
    this.profile = session.profile;
    this.setConversation(session.conversation);
    await this.sync();
  }

  protected whenReady(): void {
    this.flush();
    void this.flushProfile();
    void this.flushPageViews();
  }

  private readonly flushProfile = serial(async () => {
    const update = this.pendingProfile.get();
    const socket = this.socket;
    if (!update || this.state !== 'ready' || !socket) return;
    try {
      this.profile = await request<VisitorProfile>(socket, 'visitor.update', update);
      this.pendingProfile.settle(update);
      this.emit('change', undefined);
    } catch (err) {
      if (!(err instanceof KefuError) || err.action !== 'fix') return; // sent again on the next connection
      this.pendingProfile.clear();
      this.emit('profileError', err);
    }
  });

  private readonly flushPageViews = serial(async () => {
    while (this.pageViews.length && this.state === 'ready' && this.socket) {
      const view = this.pageViews[0]!;
      try {
        await request(this.socket, 'page.view', view);
      } catch (err) {
        // A bad URL (say, a file: page) is dropped; anything else waits for the next connection.
        if (!(err instanceof KefuError) || err.action !== 'fix') return;
      }
      this.pageViews = this.pageViews.filter((v) => v !== view);
    }
  });

  protected presenceState(): 'active' | 'idle' {
    return pageVisible() ? 'active' : 'idle';
  }

  protected async catchUp(): Promise<void> {
    this.outbox.reload();
    await this.sync();
    this.flush();
  }

  private setConversation(conversation: Conversation | null): void {
    if (conversation && conversation.id !== this.conversation?.id) this.timeline = new Timeline();
    if (conversation) {
      this.conversation = conversation;
      this.reads.fromConversation(conversation);
    }
  }

  /** Fetches whatever was missed; runs on every (re)connect and on a seq gap. */
  async sync(): Promise<void> {
    const socket = this.socket;
    const conversation = this.conversation;
    if (!socket || !conversation) return;
    const added = await catchUp(this.timeline, (afterSeq) =>
      request<MessagePage>(socket, 'messages.sync', { conversationId: conversation.id, afterSeq }),
    );
    this.outbox.reload();
    for (const m of added) this.settle(m);
    if (added.length) this.emit('change', undefined);
  }

  private async receive(message: Message): Promise<void> {
    if (this.conversation?.id !== message.conversationId) return;
    const result = this.timeline.add(message);
    if (result === 'duplicate') return;
    this.settle(message);
    this.emit('change', undefined);
    if (result === 'gap') await this.sync().catch(() => undefined);
  }

  /** A stored message: drop it from the outbox (another tab may have sent it) and announce it. */
  private settle(message: Message): void {
    this.outbox.remove(message.clientMsgId);
    this.reads.fromMessage(message);
    this.typingBoard.clear(message.conversationId, message.senderId);
    if (message.senderType !== 'visitor') this.emit('message', message);
  }

  /** Sends the outbox in order; see drain(). */
  private readonly flush = serial(async () => {
    const socket = this.socket;
    if (this.state !== 'ready' || !socket) return;
    await drain(
      this.outbox,
      socket,
      (p: VisitorPending) => ({
        clientMsgId: p.clientMsgId,
        body: p.body,
        ...(p.conversationId ? { conversationId: p.conversationId } : {}),
        // The server reads it only when this message opens a conversation.
        ...(p.teamId ? { teamId: p.teamId } : {}),
      }),
      async (message) => {
        if (this.conversation?.id !== message.conversationId) await this.adoptConversation();
        // Only the current conversation's timeline: a message stored elsewhere must not fill its seq.
        if (this.conversation?.id !== message.conversationId) return;
        this.timeline.add(message);
        this.reads.fromMessage(message);
      },
      () => this.emit('change', undefined),
      () => this.flush(),
      (pending, error) => this.startOverAfterClose(pending, error),
    );
  });

  /**
   * The conversation was closed before this message reached it (the close came while
   * offline, or crossed the send): send it again without a conversation, which starts
   * a new one, instead of failing.
   */
  private startOverAfterClose(pending: PendingMessage, error: KefuError): boolean {
    if (error.code !== 'CONVERSATION_CLOSED' || !pending.conversationId) return false;
    if (this.conversation?.id === pending.conversationId) this.conversation = { ...this.conversation, status: 'closed' };
    this.outbox.update(pending.clientMsgId, { conversationId: null });
    return true;
  }

  /** The first message created the conversation: learn it from a fresh hello. */
  private async adoptConversation(): Promise<void> {
    if (!this.socket) return;
    const session = await request<VisitorSession>(this.socket, 'session.hello', {});
    this.setConversation(session.conversation);
  }
}
