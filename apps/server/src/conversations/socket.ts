import type { ConversationPage } from '@kefu/protocol';
import * as schemas from '@kefu/protocol/schemas';
import type { AppContext } from '../context.js';
import { handle } from '../realtime/handle.js';
import type { PresenceTracker } from '../presence/tracker.js';
import type { Fanout } from '../realtime/fanout.js';
import type { AgentSocket, VisitorSocket } from '../realtime/types.js';

const PAGE_DEFAULT = 50;

export function visitorConversationSockets(socket: VisitorSocket, ctx: AppContext, fanout: Fanout): void {
  const { visitorId, workspaceId } = socket.data;
  handle(socket, 'conversation.read', schemas.markRead, async (p) => {
    const conversation = await ctx.conversations.forVisitor(p.conversationId, visitorId);
    const read = await ctx.conversationsRepo.markRead(conversation, 'visitor', visitorId, p.seq);
    if (read.moved) fanout.readReceipt({ conversationId: conversation.id, readerType: 'visitor', readerId: visitorId, seq: read.seq }, visitorId, workspaceId);
    return { seq: read.seq };
  }, ctx.log);
}

export function agentConversationSockets(socket: AgentSocket, ctx: AppContext, fanout: Fanout, presence: PresenceTracker): void {
  const { agent } = socket.data;
  handle(socket, 'conversation.read', schemas.markRead, async (p) => {
    const conversation = await ctx.conversations.forWorkspace(p.conversationId, agent.workspaceId);
    const read = await ctx.conversationsRepo.markRead(conversation, 'agent', agent.id, p.seq);
    if (read.moved) fanout.readReceipt({ conversationId: conversation.id, readerType: 'agent', readerId: agent.id, seq: read.seq }, conversation.visitorId, agent.workspaceId);
    return { seq: read.seq };
  }, ctx.log);

  handle(socket, 'conversations.list', schemas.conversationList, async (p): Promise<ConversationPage> => {
    const page = await ctx.conversationsRepo.list({
      workspaceId: agent.workspaceId,
      status: p.status ?? 'open',
      ...(p.before ? { before: p.before } : {}),
      limit: p.limit ?? PAGE_DEFAULT,
    });
    const statuses = await presence.statuses('visitor', page.conversations.map((c) => c.visitorId));
    for (const c of page.conversations) c.visitorStatus = statuses.get(c.visitorId);
    return page;
  }, ctx.log);
}
