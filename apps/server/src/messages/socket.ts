import type { HistoryPage, MessagePage } from '@kefu/protocol';
import * as schemas from '@kefu/protocol/schemas';
import type { AppContext } from '../context.js';
import type { SummaryPublisher } from '../conversations/summary-publisher.js';
import { followConversation, type Fanout } from '../realtime/fanout.js';
import { on, type Events } from '../realtime/events.js';
import type { AgentSocket, VisitorSocket } from '../realtime/types.js';
import type { Router } from '../routing/router.js';
import type { SendRequest, Sent } from './writer.js';

/** Default page size of a sync; clients may ask for up to SYNC_PAGE_MAX. */
const SYNC_PAGE_DEFAULT = 100;
/** Default page size of a history page (scrolling up); up to SYNC_PAGE_MAX. */
const HISTORY_PAGE_DEFAULT = 50;

/**
 * Stores a person's message (see MessagesService.write), then fans it out; the caller's
 * ack follows the commit. Also for a resend of a stored message: the node that stored it
 * may have died before fanning it out. Receivers drop duplicates by seq.
 */
async function writeAndFanOut(ctx: AppContext, fanout: Fanout, summaries: SummaryPublisher, senderSocketId: string, request: SendRequest): Promise<Sent> {
  const sent = await ctx.messages.write(request);
  const { visitorId, workspaceId, assigneeId } = sent.conversation;
  fanout.messageCreated(sent.message, visitorId, workspaceId, assigneeId, senderSocketId);
  if (sent.created) summaries.touch(sent.message.conversationId, workspaceId, sent.message.seq);
  return sent;
}

export function visitorMessageEvents(ctx: AppContext, fanout: Fanout, summaries: SummaryPublisher, routing: Router): Events<VisitorSocket> {
  return {
    'message.send': on(schemas.visitorSend, async (socket: VisitorSocket, p) => {
      const visitor = socket.data;
      let conversationId = p.conversationId;
      if (!conversationId) {
        // A new conversation goes to the department the visitor chose, else the site's team (its routing settings).
        const site = await ctx.sites.byId(visitor.siteId);
        const opened = await ctx.conversations.openFor(visitor, { teamId: site?.routing.teamId ?? null, chosenTeamId: p.teamId ?? null });
        conversationId = opened.conversation.id;
        // Every tab of the visitor learns the new conversation before its first message.
        if (opened.created) fanout.visitorConversation(opened.conversation);
      }
      const { message, conversation } = await writeAndFanOut(ctx, fanout, summaries, socket.id, {
        conversationId,
        clientMsgId: p.clientMsgId,
        senderType: 'visitor',
        senderId: visitor.visitorId,
        agentName: null,
        body: p.body,
        allowed: { visitorId: visitor.visitorId },
      });
      // Nobody has it (new, or waiting since before): routing gives it to someone, or tells the visitor their place.
      if (conversation.assigneeId === null) void routing.drain(visitor.workspaceId);
      return message;
    }),

    'messages.sync': on(schemas.sync, async (socket: VisitorSocket, p): Promise<MessagePage> => {
      await ctx.conversations.forVisitor(p.conversationId, socket.data.visitorId);
      return ctx.messages.page(p.conversationId, p.afterSeq, p.limit ?? SYNC_PAGE_DEFAULT);
    }),
  };
}

export function agentMessageEvents(ctx: AppContext, fanout: Fanout, summaries: SummaryPublisher): Events<AgentSocket> {
  return {
    'message.send': on(schemas.agentSend, async (socket: AgentSocket, p) => {
      const { agent } = socket.data;
      const { message } = await writeAndFanOut(ctx, fanout, summaries, socket.id, {
        conversationId: p.conversationId,
        clientMsgId: p.clientMsgId,
        senderType: 'agent',
        senderId: agent.id,
        agentName: agent.name,
        body: p.body,
        allowed: { workspaceId: agent.workspaceId },
      });
      return message;
    }),

    'messages.sync': on(schemas.sync, async (socket: AgentSocket, p): Promise<MessagePage> => {
      await ctx.conversations.forWorkspace(p.conversationId, socket.data.agent.workspaceId);
      followConversation(socket, p.conversationId);
      return ctx.messages.page(p.conversationId, p.afterSeq, p.limit ?? SYNC_PAGE_DEFAULT);
    }),

    'messages.history': on(schemas.history, async (socket: AgentSocket, p): Promise<HistoryPage> => {
      await ctx.conversations.forWorkspace(p.conversationId, socket.data.agent.workspaceId);
      followConversation(socket, p.conversationId);
      return ctx.messages.history(p.conversationId, p.beforeSeq, p.limit ?? HISTORY_PAGE_DEFAULT);
    }),
  };
}
