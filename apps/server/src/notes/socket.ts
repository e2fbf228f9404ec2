import * as schemas from '@kefu/protocol/schemas';
import type { AppContext } from '../context.js';
import type { Fanout } from '../realtime/fanout.js';
import { handle } from '../realtime/handle.js';
import type { AgentSocket } from '../realtime/types.js';

/** Internal notes: agent events only. The visitor namespace registers nothing here. */
export function agentNoteSockets(socket: AgentSocket, ctx: AppContext, fanout: Fanout): void {
  const { agent } = socket.data;

  handle(socket, 'note.send', schemas.noteSend, async (p) => {
    const conversation = await ctx.conversations.forWorkspace(p.conversationId, agent.workspaceId);
    const { note } = await ctx.notes.add(conversation.id, agent.id, p.clientNoteId, p.body);
    // Also for a resend: the node that stored it may have died before fanning it out.
    // Receivers drop duplicates by id.
    fanout.noteCreated(note, agent.workspaceId);
    return note;
  }, ctx.log);

  handle(socket, 'notes.list', schemas.conversationRef, async (p) => {
    const conversation = await ctx.conversations.forWorkspace(p.conversationId, agent.workspaceId);
    return ctx.notes.list(conversation.id);
  }, ctx.log);
}
