import type { ConversationPage, ConversationSummary, InboxCounts } from '@kefu/protocol';
import * as schemas from '@kefu/protocol/schemas';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { PresenceTracker } from '../presence/tracker.js';
import { on, type Events } from '../realtime/events.js';
import { rooms, type Fanout } from '../realtime/fanout.js';
import type { AgentSocket, VisitorSocket } from '../realtime/types.js';
import type { Router } from '../routing/router.js';
import type { ActionResult } from './actions.js';
import { fanOutAction } from './fan-out.js';

const PAGE_DEFAULT = 50;

export function visitorConversationEvents(ctx: AppContext, fanout: Fanout): Events<VisitorSocket> {
  return {
    'conversation.read': on(schemas.markRead, async (socket: VisitorSocket, p) => {
      const { visitorId, workspaceId } = socket.data;
      const conversation = await ctx.conversations.forVisitor(p.conversationId, visitorId);
      const read = await ctx.conversationsRepo.markRead(conversation, 'visitor', visitorId, p.seq);
      if (read.moved) fanout.readReceipt({ conversationId: conversation.id, readerType: 'visitor', readerId: visitorId, seq: read.seq }, visitorId, workspaceId);
      return { seq: read.seq };
    }),
  };
}

export function agentConversationEvents(ctx: AppContext, fanout: Fanout, presence: PresenceTracker, routing: Router): Events<AgentSocket> {
  /** After the commit: the change to everyone concerned, then routing (a visitor who has someone now, capacity freed). */
  const fanOut = (result: ActionResult, workspaceId: string): ConversationSummary => {
    const summary = fanOutAction(fanout, result, workspaceId);
    routing.changed(workspaceId, result);
    return summary;
  };

  return {
    'conversation.read': on(schemas.markRead, async (socket: AgentSocket, p) => {
      const { agent } = socket.data;
      const conversation = await ctx.conversations.forWorkspace(p.conversationId, agent.workspaceId);
      const read = await ctx.conversationsRepo.markRead(conversation, 'agent', agent.id, p.seq);
      if (read.moved) fanout.readReceipt({ conversationId: conversation.id, readerType: 'agent', readerId: agent.id, seq: read.seq }, conversation.visitorId, agent.workspaceId);
      return { seq: read.seq };
    }),

    'conversations.list': on(schemas.conversationList, async (socket: AgentSocket, p): Promise<ConversationPage> => {
      const { agent } = socket.data;
      // `status` is what older clients send: closed is the closed view, open all open ones.
      const view = p.view ?? p.status ?? 'open';
      // Listing all open chats is following them: their rows come gathered, once a second
      // (SummaryPublisher). The other views need none: an agent gets the messages of their
      // own and of unassigned chats themselves, and closed ones get no messages.
      void (view === 'open' ? socket.join(rooms.inbox(agent.workspaceId)) : socket.leave(rooms.inbox(agent.workspaceId)));
      const page = await ctx.conversationsRepo.list({
        workspaceId: agent.workspaceId,
        agentId: agent.id,
        view,
        ...(p.siteId ? { siteId: p.siteId } : {}),
        ...(p.teamId ? { teamId: p.teamId } : {}),
        ...(p.tag ? { tag: p.tag } : {}),
        ...(p.query ? { query: p.query } : {}),
        ...(p.before ? { before: p.before } : {}),
        limit: p.limit ?? PAGE_DEFAULT,
      });
      const statuses = await presence.statuses('visitor', page.conversations.map((c) => c.visitorId));
      for (const c of page.conversations) c.visitorStatus = statuses.get(c.visitorId);
      return page;
    }),

    'conversation.get': on(schemas.conversationRef, async (socket: AgentSocket, p): Promise<ConversationSummary> => {
      await ctx.conversations.forWorkspace(p.conversationId, socket.data.agent.workspaceId);
      const summary = await ctx.conversationsRepo.summary(p.conversationId);
      if (!summary) throw new AppError('NOT_FOUND');
      summary.visitorStatus = (await presence.statuses('visitor', [summary.visitorId])).get(summary.visitorId);
      return summary;
    }),

    'conversations.counts': on(schemas.empty, (socket: AgentSocket): Promise<InboxCounts> => ctx.conversationsRepo.counts(socket.data.agent.workspaceId, socket.data.agent.id)),

    'conversation.close': on(schemas.conversationRef, async (socket: AgentSocket, p) => {
      const { agent } = socket.data;
      await ctx.conversations.forWorkspace(p.conversationId, agent.workspaceId);
      return fanOut(await ctx.conversationActions.close(p.conversationId, agent.id), agent.workspaceId);
    }),

    'conversation.reopen': on(schemas.conversationRef, async (socket: AgentSocket, p) => {
      const { agent } = socket.data;
      await ctx.conversations.forWorkspace(p.conversationId, agent.workspaceId);
      return fanOut(await ctx.conversationActions.reopen(p.conversationId, agent.id), agent.workspaceId);
    }),

    'conversation.assign': on(schemas.assign, async (socket: AgentSocket, p) => {
      const { agent } = socket.data;
      await ctx.conversations.forWorkspace(p.conversationId, agent.workspaceId);
      // With a team (and nobody): it waits in that team's queue, and routing picks one of its agents on an auto site.
      // Agents take from the queue and hand on their own chats; a colleague's only owners and admins (supervisors) may move.
      const options = { ...(p.teamId !== undefined ? { teamId: p.teamId } : {}), onlyOwnOrUnassigned: agent.role === 'agent' };
      return fanOut(await ctx.conversationActions.assign(p.conversationId, agent.workspaceId, agent.id, p.assigneeId, p.note, options), agent.workspaceId);
    }),
  };
}
