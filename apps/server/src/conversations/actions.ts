import { randomUUID } from 'node:crypto';
import type { Conversation, ConversationSummary, Message, Note } from '@kefu/protocol';
import type { Kysely } from 'kysely';
import { AppError } from '../errors.js';
import type { MessagesService } from '../messages/service.js';
import type { NotesService } from '../notes/service.js';
import { agentDisplayNameOf } from '../sites/settings.js';
import type { Database } from '../storage/database.js';
import type { ConversationsRepo } from './repo.js';

/** What an action changed, for the edge to fan out after the commit. */
export interface ActionResult {
  summary: ConversationSummary;
  /** The visitor's view of it (for their `conversation.updated`). */
  conversation: Conversation;
  /** System messages written (none when nothing changed). */
  messages: Message[];
  note: Note | null;
}

/**
 * Close, reopen and assign: each one transaction that locks the conversation row,
 * changes it and writes the system message announcing it, so that concurrent actions
 * queue (the last one wins) and a failure leaves neither the change nor the message.
 */
export class ConversationActions {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly repo: ConversationsRepo,
    private readonly messages: MessagesService,
    private readonly notes: NotesService,
  ) {}

  /** Closing a closed conversation changes nothing and writes nothing. */
  close(conversationId: string, agentId: string): Promise<ActionResult> {
    return this.run(conversationId, async (trx, row) => {
      if (row.status === 'closed') return { messages: [], note: null };
      await this.repo.setStatus(trx, conversationId, 'closed');
      return { messages: [await this.messages.system(trx, conversationId, { type: 'closed', byAgentId: agentId }, agentId)], note: null };
    });
  }

  /** CONFLICT when the visitor has another open conversation (one open per visitor, migration 0003). */
  async reopen(conversationId: string, agentId: string): Promise<ActionResult> {
    try {
      return await this.run(conversationId, async (trx, row) => {
        if (row.status === 'open') return { messages: [], note: null };
        await this.repo.setStatus(trx, conversationId, 'open');
        return { messages: [await this.messages.system(trx, conversationId, { type: 'reopened', byAgentId: agentId }, agentId)], note: null };
      });
    } catch (err) {
      // The unique index refused it (the failed statement rolled the transaction back):
      // tell that apart from any other failure by looking.
      const conversation = await this.repo.byId(conversationId);
      const other = conversation && (await this.repo.openForVisitor(conversation.visitorId));
      if (other && other.id !== conversationId) throw new AppError('CONFLICT', 'The visitor has another open conversation.');
      throw err;
    }
  }

  /**
   * Takes, gives, transfers (assigneeId set) or puts back in the queue (null). When
   * someone new gets it, the visitor is told who joined, under the name they see for
   * agents on that site. The note goes to agents only, written with the change.
   * `options.teamId` (null: the whole workspace) routes it to a team as well.
   * `options.within`: routing's transaction (holding its lock), which the caller commits
   * before fanning out. `actorId` null: routing did it (nobody's read cursor moves).
   */
  async assign(
    conversationId: string,
    workspaceId: string,
    actorId: string | null,
    assigneeId: string | null,
    note?: string,
    options: { teamId?: string | null; within?: Kysely<Database>; onlyOwnOrUnassigned?: boolean } = {},
  ): Promise<ActionResult> {
    const assignee = assigneeId === null ? null : await this.repo.agentFor(conversationId, workspaceId, assigneeId, options.within);
    if (assigneeId !== null && !assignee) throw new AppError('NOT_FOUND', 'No such agent in this workspace.', 'assigneeId');
    const { teamId } = options;
    if (teamId && !(await this.repo.teamInWorkspace(teamId, workspaceId))) throw new AppError('NOT_FOUND', 'No such team in this workspace.', 'teamId');
    return this.run(conversationId, async (trx, row) => {
      // Decided on the locked row: a colleague cannot have taken it in between.
      if (options.onlyOwnOrUnassigned && row.assignee_id !== null && row.assignee_id !== actorId) {
        throw new AppError('FORBIDDEN', "Only owners and admins may take over or move a colleague's chat.");
      }
      const messages: Message[] = [];
      if (teamId !== undefined && row.team_id !== teamId) await this.repo.setTeam(trx, conversationId, teamId);
      if (row.assignee_id !== assigneeId) {
        await this.repo.setAssignee(trx, conversationId, assigneeId);
        if (assignee) {
          const agentName = agentDisplayNameOf(assignee.siteSettings) || assignee.name;
          const event = { type: 'assigned', agentId: assignee.id, agentName, fromAgentId: row.assignee_id } as const;
          messages.push(await this.messages.system(trx, conversationId, event, actorId));
        }
      }
      const written = note && actorId ? (await this.notes.add(conversationId, actorId, randomUUID(), note, trx)).note : null;
      return { messages, note: written };
    }, options.within);
  }

  private async run(
    conversationId: string,
    change: (trx: Kysely<Database>, row: NonNullable<Awaited<ReturnType<ConversationsRepo['lock']>>>) => Promise<Pick<ActionResult, 'messages' | 'note'>>,
    within?: Kysely<Database>,
  ): Promise<ActionResult> {
    const work = async (trx: Kysely<Database>) => {
      const row = await this.repo.lock(trx, conversationId);
      if (!row) throw new AppError('NOT_FOUND');
      return change(trx, row);
    };
    const result = within ? await work(within) : await this.db.transaction().execute(work);
    const db = within ?? this.db;
    const summary = await this.repo.summary(conversationId, db);
    const conversation = await this.repo.byId(conversationId, db);
    if (!summary || !conversation) throw new AppError('NOT_FOUND');
    return { ...result, summary, conversation };
  }
}
