import * as schemas from '@kefu/protocol/schemas';
import type { AppContext } from '../context.js';
import { on, type Events } from '../realtime/events.js';
import type { Fanout } from '../realtime/fanout.js';
import type { AgentSocket, VisitorSocket } from '../realtime/types.js';

/** Typing is ephemeral: relayed, never stored. Receivers expire it after TYPING_TTL_MS. */
export function visitorTypingEvents(ctx: AppContext, fanout: Fanout): Events<VisitorSocket> {
  return {
    'typing.update': on(schemas.typingUpdate, async (socket: VisitorSocket, p) => {
      const { visitorId, workspaceId } = socket.data;
      const conversation = await ctx.conversations.forVisitor(p.conversationId, visitorId);
      fanout.typing(
        { conversationId: conversation.id, senderType: 'visitor', senderId: visitorId, senderName: null, typing: p.typing, ...(p.typing && p.draft !== undefined ? { draft: p.draft } : {}) },
        visitorId,
        workspaceId,
      );
      return {};
    }),
  };
}

export function agentTypingEvents(ctx: AppContext, fanout: Fanout): Events<AgentSocket> {
  return {
    'typing.update': on(schemas.typingUpdate, async (socket: AgentSocket, p) => {
      const { agent } = socket.data;
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
    }),
  };
}
