import { sql, type Kysely } from 'kysely';
import type { Database } from '../storage/database.js';
import { prepare } from '../storage/prepared.js';
import type { Candidate } from './pick.js';

/** An open conversation nobody has, in queue order. */
export interface Waiting {
  id: string;
  visitorId: string;
  teamId: string | null;
  /** The site's routing JSON (see sites/settings.ts parseRouting). */
  routing: string;
}

/** An assigned conversation with the times the reassign timer needs. */
export interface Answering {
  id: string;
  workspaceId: string;
  assigneeId: string;
  visitorAt: number | null;
  agentAt: number | null;
  assignedAt: number | null;
}

/** PostgreSQL answers bigint counts and maxima as strings. */
const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

/** The system message announcing an assignment (its JSON starts with the type). */
const ASSIGNED_EVENT = '{"type":"assigned"%';
/** One per conversation: the unique (client_msg_id, conversation_id) index keeps it once-only on every node. */
export const AUTO_REPLY_CLIENT_MSG_ID = 'kefu:auto-reply';

/** A stamp later than `latest` and no earlier than `now`: round-robin order survives two picks in one millisecond. */
export const nextStamp = (latest: number | null, now = Date.now()): number => Math.max(now, (latest ?? 0) + 1);

/** Open conversations nobody has, with their site (for its routing settings). */
const unassigned = (db: Kysely<Database>) =>
  db.selectFrom('conversations as c').innerJoin('sites as s', 's.id', 'c.site_id').where('c.status', '=', 'open').where('c.assignee_id', 'is', null);

/** Every visitor connection asks it: compiled once (storage/prepared.ts). */
const waitingOfVisitor = prepare((db: Kysely<Database>, visitorId: string) =>
  unassigned(db).select(['c.id', 'c.workspace_id as workspaceId', 'c.team_id as teamId', 's.routing']).where('c.visitor_id', '=', visitorId).limit(1),
);

export class RoutingRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Active agents among `agentIds` who chose online (in the team when set), with their
   * open chats: two indexed reads (conversations_assignee covers the counts) instead
   * of a join and a GROUP BY over every agent's conversations.
   */
  async candidates(db: Kysely<Database>, workspaceId: string, agentIds: readonly string[], teamId: string | null): Promise<Candidate[]> {
    if (agentIds.length === 0) return [];
    let query = db
      .selectFrom('agents as a')
      .select(['a.id', 'a.max_chats', 'a.last_assigned_at'])
      .where('a.workspace_id', '=', workspaceId)
      .where('a.id', 'in', agentIds)
      .where('a.active', '=', 1)
      .where('a.status_choice', '=', 'online');
    if (teamId) {
      query = query.where((eb) => eb.exists(eb.selectFrom('team_members as m').select('m.agent_id').whereRef('m.agent_id', '=', 'a.id').where('m.team_id', '=', teamId)));
    }
    const agents = await query.execute();
    if (agents.length === 0) return [];
    const counts = await db
      .selectFrom('conversations')
      .select((eb) => ['assignee_id', eb.fn.countAll<number | string>().as('open_chats')])
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'open')
      .where('assignee_id', 'in', agents.map((a) => a.id))
      .groupBy('assignee_id')
      .execute();
    const open = new Map(counts.map((r) => [r.assignee_id, Number(r.open_chats)]));
    return agents.map((r) => ({ id: r.id, maxChats: r.max_chats, lastAssignedAt: num(r.last_assigned_at), openChats: open.get(r.id) ?? 0 }));
  }

  /** The agents of a team (routing filters the workspace's candidates with it). */
  async teamMembers(db: Kysely<Database>, teamId: string): Promise<Set<string>> {
    const rows = await db.selectFrom('team_members').select('agent_id').where('team_id', '=', teamId).execute();
    return new Set(rows.map((r) => r.agent_id));
  }

  /** The latest stamp routing gave any agent of the workspace (null: none yet). */
  async latestStamp(db: Kysely<Database>, workspaceId: string): Promise<number | null> {
    const row = await db.selectFrom('agents').select((eb) => eb.fn.max('last_assigned_at').as('latest')).where('workspace_id', '=', workspaceId).executeTakeFirst();
    return num(row?.latest ?? null);
  }

  async stamp(db: Kysely<Database>, agentId: string, stamp: number): Promise<void> {
    await db.updateTable('agents').set({ last_assigned_at: stamp }).where('id', '=', agentId).execute();
  }

  /**
   * Stamps the agent as served now, later than anyone of the workspace before (two
   * picks in one millisecond must still take turns).
   */
  async touch(db: Kysely<Database>, workspaceId: string, agentId: string, now = Date.now()): Promise<number> {
    const stamp = nextStamp(await this.latestStamp(db, workspaceId), now);
    await this.stamp(db, agentId, stamp);
    return stamp;
  }

  /** The queue: open conversations nobody has, longest waiting first (older rows without a start, by creation). */
  async waiting(workspaceId: string, db: Kysely<Database> = this.db): Promise<Waiting[]> {
    return unassigned(db)
      .select(['c.id', 'c.visitor_id as visitorId', 'c.team_id as teamId', 's.routing'])
      .where('c.workspace_id', '=', workspaceId)
      .orderBy(sql`coalesce(c.waiting_since, c.created_at)`)
      .orderBy('c.id')
      .execute();
  }

  /** The visitor's open conversation when nobody has it, with its site's routing JSON (one query: it runs on every visitor connection). */
  async waitingOf(visitorId: string): Promise<{ id: string; workspaceId: string; teamId: string | null; routing: string } | null> {
    return (await waitingOfVisitor(this.db, visitorId))[0] ?? null;
  }

  async openAssignedTo(agentId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('conversations').select('id').where('assignee_id', '=', agentId).where('status', '=', 'open').execute();
    return rows.map((r) => r.id);
  }

  /** Sites whose routing JSON sets anything (the sweeper's work list). */
  async routedSites(): Promise<{ id: string; routing: string }[]> {
    return this.db.selectFrom('sites').select(['id', 'routing']).where('routing', '!=', '{}').execute();
  }

  /** The site's assigned open conversations, with when the visitor last wrote, an agent last wrote, and it was last assigned. */
  async answering(siteId: string): Promise<Answering[]> {
    const rows = await this.db
      .selectFrom('conversations as c')
      .select((eb) => [
        'c.id',
        'c.workspace_id',
        'c.assignee_id',
        eb.selectFrom('messages as m').select((mb) => mb.fn.max('m.created_at').as('t')).whereRef('m.conversation_id', '=', 'c.id').where('m.sender_type', '=', 'visitor').as('visitor_at'),
        eb.selectFrom('messages as m').select((mb) => mb.fn.max('m.created_at').as('t')).whereRef('m.conversation_id', '=', 'c.id').where('m.sender_type', '=', 'agent').as('agent_at'),
        eb.selectFrom('messages as m').select((mb) => mb.fn.max('m.created_at').as('t')).whereRef('m.conversation_id', '=', 'c.id').where('m.sender_type', '=', 'system').where('m.event', 'like', ASSIGNED_EVENT).as('assigned_at'),
      ])
      .where('c.site_id', '=', siteId)
      .where('c.status', '=', 'open')
      .where('c.assignee_id', 'is not', null)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      workspaceId: r.workspace_id,
      assigneeId: r.assignee_id!,
      visitorAt: num(r.visitor_at ?? null),
      agentAt: num(r.agent_at ?? null),
      assignedAt: num(r.assigned_at ?? null),
    }));
  }

  /** The site's open conversations whose visitor wrote before `cutoff` and that no agent ever answered, nor the auto-reply. */
  async unanswered(siteId: string, cutoff: number, limit: number): Promise<{ id: string; workspaceId: string; visitorId: string }[]> {
    return this.db
      .selectFrom('conversations as c')
      .select(['c.id', 'c.workspace_id as workspaceId', 'c.visitor_id as visitorId'])
      .where('c.site_id', '=', siteId)
      .where('c.status', '=', 'open')
      .where((eb) => eb.exists(eb.selectFrom('messages as m').select('m.id').whereRef('m.conversation_id', '=', 'c.id').where('m.sender_type', '=', 'visitor').where('m.created_at', '<=', cutoff)))
      .where((eb) => eb.not(eb.exists(
        eb.selectFrom('messages as m').select('m.id').whereRef('m.conversation_id', '=', 'c.id')
          .where((mb) => mb.or([mb('m.sender_type', '=', 'agent'), mb('m.client_msg_id', '=', AUTO_REPLY_CLIENT_MSG_ID)])),
      )))
      .limit(limit)
      .execute();
  }
}
