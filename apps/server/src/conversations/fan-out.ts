import type { ConversationSummary } from '@kefu/protocol';
import type { Fanout } from '../realtime/fanout.js';
import type { ActionResult } from './actions.js';

/** After an action's commit: system messages to the visitor and agents, the row to agents, the visitor's view to them. */
export function fanOutAction(fanout: Fanout, result: ActionResult, workspaceId: string): ConversationSummary {
  for (const message of result.messages) fanout.messageCreated(message, result.conversation.visitorId, workspaceId);
  if (result.note) fanout.noteCreated(result.note, workspaceId);
  fanout.conversationUpdated(result.summary, workspaceId);
  fanout.visitorConversation(result.conversation);
  return result.summary;
}
