import * as schemas from '@kefu/protocol/schemas';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { Fanout } from '../realtime/fanout.js';
import { handle } from '../realtime/handle.js';
import type { AgentSocket } from '../realtime/types.js';

export function agentTagSockets(socket: AgentSocket, ctx: AppContext, fanout: Fanout): void {
  const { agent } = socket.data;

  handle(socket, 'conversation.tags', schemas.tagsUpdate, async (p) => {
    const conversation = await ctx.conversations.forWorkspace(p.conversationId, agent.workspaceId);
    await ctx.tags.update(conversation.id, { ...(p.add ? { add: p.add } : {}), ...(p.remove ? { remove: p.remove } : {}) });
    const summary = await ctx.conversationsRepo.summary(conversation.id);
    if (!summary) throw new AppError('NOT_FOUND');
    fanout.conversationUpdated(summary, agent.workspaceId);
    return summary;
  }, ctx.log);

  handle(socket, 'tags.list', schemas.empty, () => ctx.tags.inWorkspace(agent.workspaceId), ctx.log);
}
