import type { Message } from '@kefu/protocol';
import { sendsAsIs } from '../realtime/encoder.js';
import { agentDisplayNameOf } from '../sites/settings.js';
import type { Storage } from '../storage/connect.js';
import type { LockedRow, PendingMessage, storeBatchSteps } from './batch-steps.mjs';

export { mayWrite, type PendingMessage } from './batch-steps.mjs';

/** The conversation a stored message belongs to, as fan-out and routing need it. */
export interface ConversationHead {
  visitorId: string;
  workspaceId: string;
  assigneeId: string | null;
}

export type BatchOutcome =
  | { kind: 'stored'; message: Message; conversation: ConversationHead }
  /** Already stored (a resend), or refused: the caller finds out which, one by one. */
  | { kind: 'stored-before' }
  | { kind: 'refused'; reason: 'NOT_FOUND' | 'CONVERSATION_CLOSED' };

/** Where the batch's steps are, for the storage to load them where its connection is (SQLite's thread). */
const STEPS = { module: new URL('./batch-steps.mjs', import.meta.url), name: 'storeBatchSteps' } as const;

/**
 * Stores many people's messages in one transaction (the rules: batch-steps.mjs), and
 * makes each stored one the message its sender and receivers get.
 */
export async function storeBatch(storage: Pick<Storage, 'dialect' | 'runSteps'>, pending: readonly PendingMessage[]): Promise<BatchOutcome[]> {
  const { decisions, conversations, sites } = await storage.runSteps<typeof storeBatchSteps>(STEPS, [storage.dialect, pending]);
  const rows = new Map(conversations.map((r) => [r.id, r]));
  const names = new Map<string, string>();
  for (const site of sites) {
    const name = agentDisplayNameOf(site.settings);
    if (name) names.set(site.id, name);
  }
  return decisions.map((decision, i): BatchOutcome => {
    if (decision.kind !== 'stored') return decision;
    const p = pending[i]!;
    const row = rows.get(p.conversationId)!;
    // Its sender's ack and every receiver's copy carry it as it is: one JSON for all (encoder.ts).
    const message: Message = sendsAsIs({
      id: p.id,
      conversationId: p.conversationId,
      seq: decision.seq,
      clientMsgId: p.clientMsgId,
      senderType: p.senderType,
      senderId: p.senderId,
      senderName: p.senderType === 'agent' ? names.get(row.site_id) ?? p.agentName : null,
      body: p.body,
      createdAt: p.createdAt,
    });
    return { kind: 'stored', message, conversation: head(row) };
  });
}

const head = (row: LockedRow): ConversationHead => ({ visitorId: row.visitor_id, workspaceId: row.workspace_id, assigneeId: row.assignee_id });
