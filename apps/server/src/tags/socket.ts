import * as schemas from '@kefu/protocol/schemas';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { on, type Events } from '../realtime/events.js';
import type { Fanout } from '../realtime/fanout.js';
import type { AgentSocket } from '../realtime/types.js';

export function agentTagEvents(ctx: AppContext, fanout: Fanout): Events<AgentSocket> {
  return {
    'conversation.tags': on(schemas.tagsUpdate, async (socket: AgentSocket, p) => {
      const { agent } = socket.data;
      const conversation = await ctx.conversations.forWorkspace(p.conversationId, agent.workspaceId);
      await ctx.tags.update(conversation.id, { ...(p.add ? { add: p.add } : {}), ...(p.remove ? { remove: p.remove } : {}) });
      const summary = await ctx.conversationsRepo.summary(conversation.id);
      if (!summary) throw new AppError('NOT_FOUND');
      fanout.conversationUpdated(summary, agent.workspaceId);
      return summary;
    }),

    'tags.list': on(schemas.empty, (socket: AgentSocket) => ctx.tags.inWorkspace(socket.data.agent.workspaceId)),
  };
}
