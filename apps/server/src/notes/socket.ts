import * as schemas from '@kefu/protocol/schemas';
import type { AppContext } from '../context.js';
import { on, type Events } from '../realtime/events.js';
import type { Fanout } from '../realtime/fanout.js';
import type { AgentSocket } from '../realtime/types.js';

/** Internal notes: agent events only. The visitor namespace has none of them. */
export function agentNoteEvents(ctx: AppContext, fanout: Fanout): Events<AgentSocket> {
  return {
    'note.send': on(schemas.noteSend, async (socket: AgentSocket, p) => {
      const { agent } = socket.data;
      const conversation = await ctx.conversations.forWorkspace(p.conversationId, agent.workspaceId);
      const { note } = await ctx.notes.add(conversation.id, agent.id, p.clientNoteId, p.body);
      // Also for a resend: the node that stored it may have died before fanning it out.
      // Receivers drop duplicates by id.
      fanout.noteCreated(note, agent.workspaceId);
      return note;
    }),

    'notes.list': on(schemas.conversationRef, async (socket: AgentSocket, p) => {
      const conversation = await ctx.conversations.forWorkspace(p.conversationId, socket.data.agent.workspaceId);
      return ctx.notes.list(conversation.id);
    }),
  };
}
