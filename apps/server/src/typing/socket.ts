import * as schemas from '@kefu/protocol/schemas';
import type { AppContext } from '../context.js';
import type { Fanout } from '../realtime/fanout.js';
import { handle } from '../realtime/handle.js';
import type { AgentSocket, VisitorSocket } from '../realtime/types.js';

/** Typing is ephemeral: relayed, never stored. Receivers expire it after TYPING_TTL_MS. */
export function visitorTypingSockets(socket: VisitorSocket, ctx: AppContext, fanout: Fanout): void {
  const { visitorId, workspaceId } = socket.data;
  handle(socket, 'typing.update', schemas.typingUpdate, async (p) => {
    const conversation = await ctx.conversations.forVisitor(p.conversationId, visitorId);
    fanout.typing(
      { conversationId: conversation.id, senderType: 'visitor', senderId: visitorId, senderName: null, typing: p.typing, ...(p.typing && p.draft !== undefined ? { draft: p.draft } : {}) },
      visitorId,
      workspaceId,
    );
    return {};
  }, ctx.log);
}

export function agentTypingSockets(socket: AgentSocket, ctx: AppContext, fanout: Fanout): void {
  const { agent } = socket.data;
  handle(socket, 'typing.update', schemas.typingUpdate, async (p) => {
    const conversation = await ctx.conversations.forWorkspace(p.conversationId, agent.workspaceId);
    // Visitors see the site's one name for agents, when it has one, as on messages.
    const site = await ctx.sites.byId(conversation.siteId);
    fanout.typing(
      { conversationId: conversation.id, senderType: 'agent', senderId: agent.id, senderName: agent.name, typing: p.typing },
      conversation.visitorId,
      agent.workspaceId,
      site?.settings.agentDisplayName ?? null,
    );
    return {};
  }, ctx.log);
}
