import type { Conversation } from '@kefu/protocol';
import { AppError } from '../errors.js';
import { newId } from '../ids.js';
import type { ConversationsRepo } from './repo.js';

export interface VisitorRef {
  visitorId: string;
  siteId: string;
  workspaceId: string;
}

/** Where a new conversation goes: the department the visitor chose, else the site's team (see RoutingSettings.teamId). */
export interface NewRouting {
  teamId?: string | null;
  /** The visitor's pre-chat choice of department (VisitorSend.teamId); one the site does not offer counts as no choice. */
  chosenTeamId?: string | null;
}

export class ConversationsService {
  constructor(
    private readonly repo: ConversationsRepo,
    /** The team ids a visitor of the site may choose in the pre-chat form (SiteSettings.departments, deleted teams left out). */
    private readonly departmentsOf: (siteId: string) => Promise<readonly string[]> = () => Promise.resolve([]),
  ) {}

  /**
   * The visitor's open conversation, created when they send their first message. Tabs
   * racing to create it are settled by the one-open-per-visitor unique index: the
   * losers get the winner's conversation.
   */
  async openFor(visitor: VisitorRef, routing: NewRouting = {}): Promise<{ conversation: Conversation; created: boolean }> {
    const existing = await this.repo.openForVisitor(visitor.visitorId);
    if (existing) return { conversation: existing, created: false };
    const teamId = await this.teamFor(visitor.siteId, routing);
    try {
      return { conversation: await this.create(visitor, teamId), created: true };
    } catch (err) {
      const winner = await this.repo.openForVisitor(visitor.visitorId);
      if (winner) return { conversation: winner, created: false };
      throw err;
    }
  }

  /**
   * The chosen department wins over the site's team. A choice the site does not offer
   * goes to the site's team instead: it is usually a stale one (a message that waited in
   * an offline outbox while an admin removed that department), and refusing it would
   * leave the visitor with a message that can never be sent. A forged one gains nothing.
   */
  private async teamFor(siteId: string, routing: NewRouting): Promise<string | null> {
    const chosen = routing.chosenTeamId;
    if (chosen && (await this.departmentsOf(siteId)).includes(chosen)) return chosen;
    return routing.teamId ?? null;
  }

  private create(visitor: VisitorRef, teamId: string | null): Promise<Conversation> {
    return this.repo.create({
      ...(teamId ? { team_id: teamId } : {}),
      // A conversation nobody has yet waits from its first message (the queue's order).
      waiting_since: Date.now(),
      id: newId(),
      workspace_id: visitor.workspaceId,
      site_id: visitor.siteId,
      visitor_id: visitor.visitorId,
      status: 'open',
      assignee_id: null,
      last_message_at: null,
      last_message_preview: null,
      created_at: Date.now(),
    });
  }

  /** A conversation the visitor may read; NOT_FOUND for anyone else's (no existence leak). */
  async forVisitor(conversationId: string, visitorId: string): Promise<Conversation> {
    const conversation = await this.repo.byId(conversationId);
    if (!conversation || conversation.visitorId !== visitorId) throw new AppError('NOT_FOUND');
    return conversation;
  }

  /** A conversation of the agent's workspace; NOT_FOUND for other workspaces'. */
  async forWorkspace(conversationId: string, workspaceId: string): Promise<Conversation> {
    const owner = await this.repo.workspaceOf(conversationId);
    if (owner !== workspaceId) throw new AppError('NOT_FOUND');
    return (await this.repo.byId(conversationId))!;
  }
}
