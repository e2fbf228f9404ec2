import type { ConversationPage } from '@kefu/protocol';
import * as schemas from '@kefu/protocol/schemas';
import type { AppContext } from '../context.js';
import { handle } from '../realtime/handle.js';
import type { AgentSocket } from '../realtime/types.js';

const PAGE_DEFAULT = 50;

export function agentConversationSockets(socket: AgentSocket, ctx: AppContext): void {
  handle(socket, 'conversations.list', schemas.conversationList, async (p): Promise<ConversationPage> =>
    ctx.conversationsRepo.list({
      workspaceId: socket.data.agent.workspaceId,
      status: p.status ?? 'open',
      ...(p.before ? { before: p.before } : {}),
      limit: p.limit ?? PAGE_DEFAULT,
    }), ctx.log);
}
