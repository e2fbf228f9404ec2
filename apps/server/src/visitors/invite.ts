import type { Agent, ConversationSummary, InviteRequest, Message } from '@kefu/protocol';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { newId } from '../ids.js';
import type { Fanout } from '../realtime/fanout.js';

export interface Invitation {
  conversation: ConversationSummary;
  message: Message;
}

/** The visitor's open conversation, or a new one assigned to the inviting agent (the one-open-per-visitor index settles races). */
async function conversationFor(ctx: AppContext, agent: Agent, visitor: { id: string; site_id: string }) {
  const open = await ctx.conversationsRepo.openForVisitor(visitor.id);
  if (open) return { conversation: open, created: false };
  try {
    const conversation = await ctx.conversationsRepo.create({
      id: newId(),
      workspace_id: agent.workspaceId,
      site_id: visitor.site_id,
      visitor_id: visitor.id,
      status: 'open',
      assignee_id: agent.id,
      last_message_at: null,
      last_message_preview: null,
      created_at: Date.now(),
    });
    return { conversation, created: true };
  } catch (err) {
    const winner = await ctx.conversationsRepo.openForVisitor(visitor.id);
    if (winner) return { conversation: winner, created: false };
    throw err;
  }
}

/**
 * An agent starts a chat with a visitor on the site (from the radar): the message goes
 * into the visitor's open conversation, or a new one assigned to the agent. The
 * visitor's tabs hear `conversation.invited` before the message, so that their widget
 * adopts the conversation and opens on it. A resend (same clientMsgId) stores nothing
 * new and fans out again; receivers de-duplicate by seq.
 */
export async function invite(ctx: AppContext, fanout: Fanout, agent: Agent, p: InviteRequest): Promise<Invitation> {
  const visitor = await ctx.visitorReads.withSite(p.visitorId, agent.workspaceId);
  if (!visitor) throw new AppError('NOT_FOUND');
  const { conversation, created } = await conversationFor(ctx, agent, visitor);
  const { message } = await ctx.messages.send({ conversationId: conversation.id, clientMsgId: p.clientMsgId, senderType: 'agent', senderId: agent.id, body: p.body });
  const [visitorView, summary] = await Promise.all([ctx.conversationsRepo.byId(conversation.id), ctx.conversationsRepo.summary(conversation.id)]);
  if (!visitorView || !summary) throw new AppError('NOT_FOUND');
  if (created) fanout.visitorConversation(visitorView);
  fanout.conversationInvited(visitorView, message);
  fanout.messageCreated(message, visitor.id, agent.workspaceId);
  fanout.conversationUpdated(summary, agent.workspaceId);
  return { conversation: summary, message };
}
