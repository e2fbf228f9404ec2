import type { Conversation, HistoryPage, Message, MessagePage } from '@kefu/protocol';
import * as schemas from '@kefu/protocol/schemas';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { Fanout } from '../realtime/fanout.js';
import { handle } from '../realtime/handle.js';
import type { AgentSocket, VisitorSocket } from '../realtime/types.js';
import type { Router } from '../routing/router.js';
import type { SendInput } from './service.js';

/** Default page size of a sync; clients may ask for up to SYNC_PAGE_MAX. */
const SYNC_PAGE_DEFAULT = 100;
/** Default page size of a history page (scrolling up); up to SYNC_PAGE_MAX. */
const HISTORY_PAGE_DEFAULT = 50;

/** Stores a message, then fans it out; the caller's ack follows the commit. */
async function sendAndFanOut(ctx: AppContext, fanout: Fanout, conversation: Conversation, workspaceId: string, input: Omit<SendInput, 'conversationId'>): Promise<Message> {
  if (conversation.status === 'closed') throw new AppError('CONVERSATION_CLOSED');
  const { message, created } = await ctx.messages.send({ ...input, conversationId: conversation.id });
  // Also for a resend of a stored message: the node that stored it may have died before
  // fanning it out. Receivers drop duplicates by seq.
  fanout.messageCreated(message, conversation.visitorId, workspaceId);
  if (created) {
    void ctx.conversationsRepo
      .summary(conversation.id)
      .then((summary) => summary && fanout.conversationUpdated(summary, workspaceId))
      .catch((err: unknown) => ctx.log.error({ err }, 'conversation summary failed'));
  }
  return message;
}

export function visitorMessageSockets(socket: VisitorSocket, ctx: AppContext, fanout: Fanout, routing: Router): void {
  const visitor = socket.data;

  handle(socket, 'message.send', schemas.visitorSend, async (p) => {
    let conversation: Conversation;
    if (p.conversationId) {
      conversation = await ctx.conversations.forVisitor(p.conversationId, visitor.visitorId);
    } else {
      // A new conversation goes to the department the visitor chose, else the site's team (its routing settings).
      const site = await ctx.sites.byId(visitor.siteId);
      const opened = await ctx.conversations.openFor(visitor, { teamId: site?.routing.teamId ?? null, chosenTeamId: p.teamId ?? null });
      conversation = opened.conversation;
      // Every tab of the visitor learns the new conversation before its first message.
      if (opened.created) fanout.visitorConversation(conversation);
    }
    const message = await sendAndFanOut(ctx, fanout, conversation, visitor.workspaceId, {
      clientMsgId: p.clientMsgId,
      senderType: 'visitor',
      senderId: visitor.visitorId,
      body: p.body,
    });
    // Nobody has it (new, or waiting since before): routing gives it to someone, or tells the visitor their place.
    if (conversation.assigneeId === null) void routing.drain(visitor.workspaceId);
    return message;
  }, ctx.log);

  handle(socket, 'messages.sync', schemas.sync, async (p): Promise<MessagePage> => {
    await ctx.conversations.forVisitor(p.conversationId, visitor.visitorId);
    return ctx.messages.page(p.conversationId, p.afterSeq, p.limit ?? SYNC_PAGE_DEFAULT);
  }, ctx.log);
}

export function agentMessageSockets(socket: AgentSocket, ctx: AppContext, fanout: Fanout): void {
  const { agent } = socket.data;

  handle(socket, 'message.send', schemas.agentSend, async (p) => {
    const conversation = await ctx.conversations.forWorkspace(p.conversationId, agent.workspaceId);
    return sendAndFanOut(ctx, fanout, conversation, agent.workspaceId, {
      clientMsgId: p.clientMsgId,
      senderType: 'agent',
      senderId: agent.id,
      body: p.body,
    });
  }, ctx.log);

  handle(socket, 'messages.sync', schemas.sync, async (p): Promise<MessagePage> => {
    await ctx.conversations.forWorkspace(p.conversationId, agent.workspaceId);
    return ctx.messages.page(p.conversationId, p.afterSeq, p.limit ?? SYNC_PAGE_DEFAULT);
  }, ctx.log);

  handle(socket, 'messages.history', schemas.history, async (p): Promise<HistoryPage> => {
    await ctx.conversations.forWorkspace(p.conversationId, agent.workspaceId);
    return ctx.messages.history(p.conversationId, p.beforeSeq, p.limit ?? HISTORY_PAGE_DEFAULT);
  }, ctx.log);
}
