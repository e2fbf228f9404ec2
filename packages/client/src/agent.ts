import type {
  Agent,
  AgentPresence,
  AgentSession,
  AgentStatusChoice,
  InboxCounts,
  LiveVisitor,
  Note,
  TagsUpdate,
  Team,
  VisitorDetails,
  VisitorPageView,
  VisitorUpdated,
  ConversationListRequest,
  ConversationPage,
  ConversationSummary,
  HistoryPage,
  Message,
  MessagePage,
  Presence,
  PresenceStatus,
  ReadReceipt,
  Typing,
} from '@kefu/protocol';
import { NAMESPACES } from '@kefu/protocol';
import type { Socket } from 'socket.io-client';
import { catchUp, chatItems, type ChatItem } from './chat.js';
import { Connection, type ConnectionEvents, type ConnectionOptions } from './connection.js';
import { drain } from './drain.js';
import { serial } from './serial.js';
import { KefuError } from './errors.js';
import { newClientMsgId } from './ids.js';
import { NoteBook, type NoteItem } from './notes.js';
import { Outbox } from './outbox.js';
import { InboxRows } from './inbox-rows.js';
import { ReadCursors } from './reads.js';
import { request } from './request.js';
import { defaultStorage, type KeyValueStorage } from './storage.js';
import { Timeline } from './timeline.js';
import { TypingBoard, TypingSender } from './typing.js';

export interface AgentClientOptions extends ConnectionOptions {
  storage?: KeyValueStorage;
}

export interface AgentClientEvents extends ConnectionEvents {
  /** A conversation was created or changed (new message, status, assignee). */
  conversation: ConversationSummary;
  /** A new message in any conversation of the workspace. */
  message: Message;
  /** The items of an opened conversation changed; carries its id. */
  change: string;
  /** A read cursor moved (a visitor's, this agent's in another tab, or a colleague's). */
  read: ReadReceipt;
  /** A visitor or a colleague came online, went away or offline. */
  presence: Presence;
  /** Who is typing in a conversation changed (see `typingIn`); carries its id. */
  typing: string;
  /** An internal note was added to a conversation (by anyone, this agent's other tabs too). */
  note: Note;
  /** A visitor came online (for the radar). */
  visitorArrived: LiveVisitor;
  /** A visitor opened a page. */
  visitorPage: VisitorPageView;
  /** A visitor's profile changed. */
  visitorUpdated: VisitorUpdated;
  /** Canned replies changed: list them again (`listCannedReplies`). */
  cannedChanged: undefined;
  /** An admin changed teams, agents or sites: list what it names again. */
  workspaceChanged: { teams?: true; agents?: true; sites?: true };
}

/**
 * An agent's live connection: the inbox's updates, and the conversations the agent
 * has open, each kept complete by sync and written to through an outbox. Sign in
 * first with `signIn()`; in Node.js pass the returned cookie in `extraHeaders`.
 *
 * @example
 * const { cookie } = await signIn(url, email, password);
 * const agent = new AgentClient({ url, extraHeaders: { cookie } });
 * agent.on('message', (m) => console.log(m.body));
 * agent.connect();
 */
export class AgentClient extends Connection<AgentClientEvents> {
  agent: Agent | null = null;
  /** The status this agent chose (see `setStatus`), from the session. */
  statusChoice: AgentStatusChoice = 'online';
  private readonly timelines = new Map<string, Timeline>();
  /** Per followed conversation: whether messages older than its timeline's floor remain. */
  private readonly olderLeft = new Map<string, boolean>();
  /** Opens in flight, so that two callers share one first page. */
  private readonly opening = new Map<string, Promise<void>>();
  private readonly notes = new NoteBook();
  private readonly reads = new ReadCursors();
  private readonly rows = new InboxRows();
  private readonly presence = new Map<string, PresenceStatus>();
  private away = false;
  private readonly typingBoard = new TypingBoard((id) => this.emit('typing', id));
  private readonly typingSenders = new Map<string, TypingSender>();
  private readonly storage: KeyValueStorage;
  private outbox: Outbox | null = null;

  constructor(options: AgentClientOptions) {
    super(NAMESPACES.agent, options);
    this.storage = options.storage ?? defaultStorage();
  }

  protected handshake(): Record<string, unknown> {
    return {};
  }

  protected listen(socket: Socket): void {
    const onRow = (row: ConversationSummary) => {
      const conversation = this.rows.remember(row);
      this.noteReads(conversation);
      this.emit('conversation', conversation);
    };
    socket.on('conversation.updated', onRow);
    socket.on('conversations.updated', (rows: ConversationSummary[]) => rows.forEach(onRow));
    socket.on('typing.changed', (typing: Typing) => this.typingBoard.apply(typing));
    socket.on('presence.changed', (p: Presence) => {
      this.presence.set(`${p.kind}:${p.id}`, p.status);
      this.emit('presence', p);
    });
    socket.on('conversation.read', (receipt: ReadReceipt) => {
      if (!this.reads.apply(receipt)) return;
      this.emit('read', receipt);
      if (this.timelines.has(receipt.conversationId)) this.emit('change', receipt.conversationId);
    });
    socket.on('message.created', (message: Message) => void this.receive(message));
    socket.on('note.created', (note: Note) => {
      if (this.notes.add(note)) this.emit('change', note.conversationId);
      this.emit('note', note);
    });
    socket.on('visitor.arrived', (visitor: LiveVisitor) => {
      this.presence.set(`visitor:${visitor.visitorId}`, visitor.status);
      this.emit('visitorArrived', visitor);
    });
    socket.on('visitor.page', (view: VisitorPageView) => this.emit('visitorPage', view));
    socket.on('visitor.updated', (update: VisitorUpdated) => this.emit('visitorUpdated', update));
    socket.on('canned.changed', () => this.emit('cannedChanged', undefined));
    socket.on('workspace.changed', (what: { teams?: true; agents?: true; sites?: true }) => this.emit('workspaceChanged', what));
  }

  protected async greet(socket: Socket): Promise<void> {
    const session = await request<AgentSession>(socket, 'session.hello', {});
    this.agent = session.agent;
    this.statusChoice = session.statusChoice;
    this.outbox ??= new Outbox(this.storage, `kefu:agent:${session.agent.id}:outbox`);
    await Promise.all([...this.timelines.keys()].map((id) => this.resync(id)));
    // Notes have no seq to sync after: list them again (what was missed while away).
    await Promise.all(this.notes.following().map((id) => this.reloadNotes(id, socket).catch(() => undefined)));
  }

  private async reloadNotes(conversationId: string, socket: Socket): Promise<void> {
    const notes = await request<Note[]>(socket, 'notes.list', { conversationId });
    this.notes.reset(conversationId, notes);
    this.emit('change', conversationId);
  }

  /** Catches up one followed conversation; one that is gone or forbidden is dropped, not fatal. */
  private async resync(conversationId: string): Promise<void> {
    try {
      await this.sync(conversationId);
    } catch (err) {
      if (!(err instanceof KefuError) || err.action === 'retry') throw err;
      this.forget(conversationId);
    }
  }

  protected whenReady(): void {
    this.flush();
    this.flushNotes();
  }

  protected async catchUp(): Promise<void> {
    await Promise.all([...this.timelines.keys()].map((id) => this.resync(id)));
    const socket = this.socket;
    if (socket) await Promise.all(this.notes.following().map((id) => this.reloadNotes(id, socket).catch(() => undefined)));
    this.flush();
    this.flushNotes();
  }

  async listConversations(query: ConversationListRequest = {}): Promise<ConversationPage> {
    const page = await request<ConversationPage>(this.requireSocket(), 'conversations.list', query);
    page.conversations = page.conversations.map((c) => this.rows.remember(c));
    for (const c of page.conversations) {
      this.noteReads(c);
      if (c.visitorStatus) this.presence.set(`visitor:${c.visitorId}`, c.visitorStatus);
    }
    return page;
  }

  /** One conversation of the workspace, e.g. for a deep link. */
  async getConversation(conversationId: string): Promise<ConversationSummary> {
    return this.rows.remember(await this.ask<ConversationSummary>('conversation.get', { conversationId }));
  }

  /** How many open conversations each view of the inbox holds. */
  inboxCounts(): Promise<InboxCounts> {
    return this.ask<InboxCounts>('conversations.counts', {});
  }

  closeConversation(conversationId: string): Promise<ConversationSummary> {
    return this.ask<ConversationSummary>('conversation.close', { conversationId });
  }

  /** Fails with CONFLICT when the visitor has opened another conversation since. */
  reopenConversation(conversationId: string): Promise<ConversationSummary> {
    return this.ask<ConversationSummary>('conversation.reopen', { conversationId });
  }

  /**
   * Takes (own id), gives or transfers (a colleague's id, with an optional note for agents), or unassigns (null).
   * With `teamId` (and `assigneeId: null`) it is transferred to that team: routing picks one of its agents.
   */
  assign(conversationId: string, assigneeId: string | null, note?: string, teamId?: string): Promise<ConversationSummary> {
    return this.ask<ConversationSummary>('conversation.assign', { conversationId, assigneeId, ...(note ? { note } : {}), ...(teamId ? { teamId } : {}) });
  }

  /** The workspace's teams, each with its members' ids (every agent may read them). */
  listTeams(): Promise<Team[]> {
    return this.ask<Team[]>('teams.list', {});
  }

  updateTags(conversationId: string, change: Omit<TagsUpdate, 'conversationId'>): Promise<ConversationSummary> {
    return this.ask<ConversationSummary>('conversation.tags', { conversationId, ...change });
  }

  /** Every tag on the workspace's conversations, the most used first. */
  listTags(): Promise<string[]> {
    return this.ask<string[]>('tags.list', {});
  }

  /** Everyone on the workspace's sites now; keep it live with `visitorArrived`, `visitorPage`, `presence` and `conversation` events. */
  liveVisitors(): Promise<LiveVisitor[]> {
    return this.ask<LiveVisitor[]>('visitors.live', {});
  }

  visitorDetails(visitorId: string): Promise<VisitorDetails> {
    return this.ask<VisitorDetails>('visitor.get', { visitorId });
  }

  /** Starts a chat with a visitor on the site: their widget opens with this message. */
  invite(visitorId: string, body: string): Promise<{ conversation: ConversationSummary; message: Message }> {
    return this.ask('visitor.invite', { visitorId, clientMsgId: newClientMsgId(), body });
  }

  /** Online or away, as chosen by the agent; kept by the server across sign-ins. */
  async setStatus(status: AgentStatusChoice): Promise<AgentPresence> {
    const presence = await this.ask<AgentPresence>('agent.status', { status });
    this.statusChoice = status;
    this.presence.set(`agent:${presence.id}`, presence.status);
    this.emit('presence', { kind: 'agent', id: presence.id, status: presence.status });
    return presence;
  }

  /** One request; rejects (never throws) with DISCONNECTED while offline. */
  private ask<T>(event: string, payload: unknown): Promise<T> {
    if (!this.socket) return Promise.reject(new KefuError('DISCONNECTED', 'not connected'));
    return request<T>(this.socket, event, payload);
  }

  /** The workspace's agents with their presence. */
  async listAgents(): Promise<AgentPresence[]> {
    const agents = await request<AgentPresence[]>(this.requireSocket(), 'agents.list', {});
    for (const a of agents) this.presence.set(`agent:${a.id}`, a.status);
    return agents;
  }

  /** A visitor's or colleague's presence as last heard (offline when unknown). */
  presenceOf(kind: Presence['kind'], id: string): PresenceStatus {
    return this.presence.get(`${kind}:${id}`) ?? 'offline';
  }

  /** Marks this agent away (or back); kept across reconnects. */
  setAway(away: boolean): void {
    this.away = away;
    this.reportPresence();
  }

  protected presenceState(): 'active' | 'idle' {
    return this.away ? 'idle' : 'active';
  }

  private noteReads(conversation: ConversationSummary): void {
    if (this.reads.fromConversation(conversation) && this.timelines.has(conversation.id)) this.emit('change', conversation.id);
  }

  /** Messages after this agent's own read cursor (its own replies move the cursor too). */
  unreadCount(conversation: Pick<ConversationSummary, 'id' | 'lastSeq'>): number {
    return Math.max(0, conversation.lastSeq - this.reads.agentSeq(conversation.id, this.agent?.id ?? ''));
  }

  /** This agent has seen the conversation up to its newest loaded message. */
  async markRead(conversationId: string): Promise<void> {
    const seq = this.timelines.get(conversationId)?.lastSeq ?? 0;
    const me = this.agent?.id;
    if (!me || seq <= this.reads.agentSeq(conversationId, me)) return;
    const { seq: after } = await request<{ seq: number }>(this.requireSocket(), 'conversation.read', { conversationId, seq });
    const receipt: ReadReceipt = { conversationId, readerType: 'agent', readerId: me, seq: after };
    if (this.reads.apply(receipt)) this.emit('read', receipt);
  }

  /**
   * Starts following a conversation: loads its newest page of messages and its notes,
   * then keeps both in sync (messages from that page on; `loadOlder` scrolls up).
   * The first open of a conversation rejects with DISCONNECTED while offline.
   *
   * @example
   * await agent.open(id);
   * render(agent.items(id), agent.notesOf(id));
   * while (agent.hasOlder(id) && userScrolledToTop()) await agent.loadOlder(id);
   */
  async open(conversationId: string): Promise<void> {
    if (!this.timelines.has(conversationId)) {
      let first = this.opening.get(conversationId);
      if (!first) {
        first = this.openAtNewest(conversationId).finally(() => this.opening.delete(conversationId));
        this.opening.set(conversationId, first);
      }
      await first;
    }
    await this.sync(conversationId);
  }

  private async openAtNewest(conversationId: string): Promise<void> {
    const socket = this.requireSocket();
    const [page, notes] = await Promise.all([
      request<HistoryPage>(socket, 'messages.history', { conversationId }),
      request<Note[]>(socket, 'notes.list', { conversationId }),
    ]);
    // Created only now: a live message that came meanwhile is fetched by the sync that
    // follows, rather than starting the timeline at seq 1.
    const timeline = Timeline.startingAt(page.messages[0]?.seq ?? 1);
    for (const m of page.messages) timeline.add(m);
    this.timelines.set(conversationId, timeline);
    this.olderLeft.set(conversationId, page.hasMore);
    this.notes.follow(conversationId);
    this.notes.reset(conversationId, notes);
    this.emit('change', conversationId);
  }

  /** Whether messages older than the loaded ones remain (see `loadOlder`). */
  hasOlder(conversationId: string): boolean {
    return this.olderLeft.get(conversationId) ?? false;
  }

  /**
   * Loads the page of messages before the oldest loaded one, for scrolling up; resolves
   * with whether still older ones remain.
   *
   * @example
   * list.onscroll = async () => { if (list.scrollTop === 0 && agent.hasOlder(id)) await agent.loadOlder(id); };
   */
  async loadOlder(conversationId: string): Promise<boolean> {
    const timeline = this.timelines.get(conversationId);
    if (!timeline || !this.hasOlder(conversationId)) return false;
    const page = await request<HistoryPage>(this.requireSocket(), 'messages.history', { conversationId, beforeSeq: timeline.floor });
    // Forgotten or reopened from scratch meanwhile: this page belongs to nobody.
    if (this.timelines.get(conversationId) !== timeline) return this.hasOlder(conversationId);
    timeline.addOlder(page.messages);
    this.olderLeft.set(conversationId, page.hasMore && timeline.floor > 1);
    this.emit('change', conversationId);
    return this.hasOlder(conversationId);
  }

  /** Stops following a conversation (its messages and notes are dropped from memory). */
  forget(conversationId: string): void {
    this.timelines.delete(conversationId);
    this.olderLeft.delete(conversationId);
    this.notes.forget(conversationId);
  }

  /**
   * The conversation's messages (with `event` on system messages), then replies still
   * being sent. Messages only: internal notes are apart in `notesOf`, so that a view
   * can never show a note as if the visitor had seen it; merge both by `createdAt`
   * where they should interleave.
   */
  items(conversationId: string): ChatItem[] {
    const pending = (this.outbox?.all() ?? []).filter((p) => p.conversationId === conversationId);
    return chatItems(this.timelines.get(conversationId), pending, 'agent', this.reads.visitorSeq(conversationId));
  }

  /** Who is typing in a conversation now; a visitor's entry carries their unsent `draft`. */
  typingIn(conversationId: string): Typing[] {
    return this.typingBoard.in(conversationId);
  }

  /** The reply box of a conversation changed: the visitor sees "typing" (never the text). */
  setDraft(conversationId: string, text: string): void {
    let sender = this.typingSenders.get(conversationId);
    if (!sender) {
      sender = new TypingSender((typing) => {
        if (this.state !== 'ready' || !this.socket) return;
        request(this.socket, 'typing.update', { conversationId, typing }).catch(() => undefined);
      });
      this.typingSenders.set(conversationId, sender);
    }
    sender.update(text);
  }

  /** The internal notes of a followed conversation (see `open`), oldest first, with those still being sent. */
  notesOf(conversationId: string): NoteItem[] {
    return this.notes.items(conversationId, this.agent);
  }

  /**
   * Adds an internal note (agents only): shown as `sending` at once, sent as soon as
   * connected and resent with the same clientNoteId after a reconnect until
   * acknowledged; returns that id.
   *
   * @example
   * agent.sendNote(id, 'Refund approved by finance');
   */
  sendNote(conversationId: string, body: string): string {
    const clientNoteId = newClientMsgId();
    this.notes.queue({ conversationId, clientNoteId, body, createdAt: Date.now() });
    this.emit('change', conversationId);
    this.flushNotes();
    return clientNoteId;
  }

  /** Sends a refused note again. */
  retryNote(clientNoteId: string): void {
    const conversationId = this.notes.retry(clientNoteId);
    if (!conversationId) return;
    this.emit('change', conversationId);
    this.flushNotes();
  }

  /** Sends pending notes one at a time; a refusal marks that one failed, a lost connection waits for the next. */
  private readonly flushNotes = serial(async () => {
    for (const pending of this.notes.toSend()) {
      const socket = this.socket;
      if (this.state !== 'ready' || !socket?.connected) return;
      try {
        const note = await request<Note>(socket, 'note.send', { conversationId: pending.conversationId, clientNoteId: pending.clientNoteId, body: pending.body });
        this.notes.add(note);
      } catch (err) {
        const error = err instanceof KefuError ? err : new KefuError('INTERNAL', String(err));
        if (error.action === 'retry') return;
        this.notes.refuse(pending.clientNoteId, { code: error.code as never, message: error.message });
      }
      this.emit('change', pending.conversationId);
    }
  });

  /** Queues a reply and sends it as soon as possible; returns its clientMsgId. */
  send(conversationId: string, body: string): string {
    if (!this.outbox) throw new KefuError('DISCONNECTED', 'not connected yet');
    this.typingSenders.get(conversationId)?.stop();
    const clientMsgId = newClientMsgId();
    this.outbox.add({ clientMsgId, conversationId, body, createdAt: Date.now() });
    this.emit('change', conversationId);
    this.flush();
    return clientMsgId;
  }

  retry(clientMsgId: string): void {
    const pending = this.outbox?.all().find((p) => p.clientMsgId === clientMsgId);
    if (!pending?.conversationId) return;
    this.outbox!.update(clientMsgId, { error: undefined });
    this.emit('change', pending.conversationId);
    this.flush();
  }

  async sync(conversationId: string): Promise<void> {
    const timeline = this.timelines.get(conversationId);
    const socket = this.socket;
    if (!timeline || !socket?.connected) return;
    const added = await catchUp(timeline, (afterSeq) =>
      request<MessagePage>(socket, 'messages.sync', { conversationId, afterSeq }),
    );
    for (const m of added) this.outbox?.remove(m.clientMsgId);
    if (added.length) this.emit('change', conversationId);
  }

  private requireSocket(): Socket {
    if (!this.socket?.connected) throw new KefuError('DISCONNECTED', 'not connected');
    return this.socket;
  }

  private async receive(message: Message): Promise<void> {
    this.reads.fromMessage(message);
    this.typingBoard.clear(message.conversationId, message.senderId);
    this.emit('message', message);
    const row = this.rows.moved(message);
    if (row) this.emit('conversation', row);
    const timeline = this.timelines.get(message.conversationId);
    if (!timeline) return;
    const result = timeline.add(message);
    if (result === 'duplicate') return;
    this.outbox?.remove(message.clientMsgId);
    this.emit('change', message.conversationId);
    if (result === 'gap') await this.sync(message.conversationId).catch(() => undefined);
  }

  /** Sends the outbox in order; see drain(). */
  private readonly flush = serial(async () => {
    const socket = this.socket;
    const outbox = this.outbox;
    if (this.state !== 'ready' || !socket || !outbox) return;
    await drain(
      outbox,
      socket,
      (p) => ({ clientMsgId: p.clientMsgId, body: p.body, conversationId: p.conversationId }),
      (message) => {
        // The ack is this socket's only copy (the server sends the echo to the agent's other tabs).
        this.reads.fromMessage(message);
        void this.timelines.get(message.conversationId)?.add(message);
        const row = this.rows.moved(message);
        if (row) this.emit('conversation', row);
      },
      (p) => this.emit('change', p.conversationId ?? ''),
      () => this.flush(),
    );
  });
}
