import type { Agent, AgentAccount, AgentUpdate, Invitation, InvitationAccept, InvitationCreate, PendingInvitation } from '@kefu/protocol';
import { hashPassword } from '../auth/passwords.js';
import { AppError } from '../errors.js';
import { hashSecret, newId, newSecret } from '../ids.js';
import type { AgentRow } from '../storage/database.js';
import type { TeamsRepo } from '../teams/repo.js';
import type { AgentsRepo, InvitationRow } from './repo.js';

/** How long an invitation link works. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** What the accept page shows before the invitee chooses a password. */
export interface InvitationInfo {
  email: string;
  name: string;
  role: Agent['role'];
  workspaceName: string;
}

const toAgent = (row: AgentRow): Agent => ({ id: row.id, workspaceId: row.workspace_id, email: row.email, name: row.name, role: row.role });

const manages = (agent: Agent) => agent.role === 'owner' || agent.role === 'admin';

/**
 * Who may do what to an agent account: owners and admins manage accounts (FORBIDDEN
 * for agents); only owners touch an owner's account or make someone owner; nobody
 * deactivates themselves; the last active owner stays one (CONFLICT).
 */
function checkChange(actor: Agent, target: AgentRow, change: AgentUpdate): void {
  if (!manages(actor)) throw new AppError('FORBIDDEN', 'Only owners and admins may manage agents.');
  if (actor.role !== 'owner' && (target.role === 'owner' || change.role === 'owner')) {
    throw new AppError('FORBIDDEN', 'Only owners may change an owner or make someone owner.');
  }
  if (change.active === false && target.id === actor.id) throw new AppError('FORBIDDEN', 'You cannot deactivate yourself.', 'active');
}

/** What an update did that the rest of the server must act on. */
export interface AgentUpdated {
  account: AgentAccount;
  deactivated: boolean;
  capacityChanged: boolean;
  /** Sessions ended (deactivation): their sockets close. */
  endedSessions: string[];
}

export class AgentsService {
  constructor(
    private readonly repo: AgentsRepo,
    private readonly teams: TeamsRepo,
    private readonly endSessionsOf: (agentId: string) => Promise<string[]>,
    private readonly publicUrl: string,
  ) {}

  async list(actor: Agent): Promise<AgentAccount[]> {
    if (!manages(actor)) throw new AppError('FORBIDDEN', 'Only owners and admins may manage agents.');
    const rows = await this.repo.ofWorkspace(actor.workspaceId);
    const teamIds = await this.teams.teamsOfAgents(rows.map((r) => r.id));
    return rows.map((r) => this.account(r, teamIds.get(r.id) ?? []));
  }

  /** A link for a new agent; the token is in the URL only (the database keeps its hash). */
  async invite(actor: Agent, input: InvitationCreate, now = Date.now()): Promise<Invitation> {
    if (!manages(actor)) throw new AppError('FORBIDDEN', 'Only owners and admins may invite agents.');
    if (input.role === 'owner' && actor.role !== 'owner') throw new AppError('FORBIDDEN', 'Only owners may invite owners.', 'role');
    if (await this.repo.emailTaken(input.email)) throw new AppError('CONFLICT', `${input.email} already has a Kefu account.`, 'email');
    const teamIds = [...new Set(input.teamIds ?? [])];
    const known = await this.teams.existing(actor.workspaceId, teamIds);
    const unknown = teamIds.findIndex((id) => !known.has(id));
    if (unknown >= 0) throw new AppError('BAD_REQUEST', `teamIds.${unknown}: not a team of this workspace`, `teamIds.${unknown}`);
    const token = newSecret();
    const row: InvitationRow = {
      id: newId(),
      workspace_id: actor.workspaceId,
      token_hash: hashSecret(token),
      email: input.email,
      name: input.name,
      role: input.role,
      team_ids: JSON.stringify(teamIds),
      invited_by: actor.id,
      created_at: now,
      expires_at: now + INVITATION_TTL_MS,
      accepted_at: null,
    };
    await this.repo.insertInvitation(row);
    return { id: row.id, email: row.email, name: row.name, role: row.role, teamIds, url: `${this.publicUrl.replace(/\/$/, '')}/console/#/invite/${token}`, expiresAt: row.expires_at };
  }

  /** The links not used yet and not expired (owners and admins). The links themselves are never shown again. */
  async invitations(actor: Agent, now = Date.now()): Promise<PendingInvitation[]> {
    if (!manages(actor)) throw new AppError('FORBIDDEN', 'Only owners and admins may manage agents.');
    const rows = await this.repo.pendingInvitations(actor.workspaceId, now);
    return rows.map((r) => ({
      id: r.id,
      email: r.email,
      name: r.name,
      role: r.role,
      teamIds: JSON.parse(r.team_ids) as string[],
      invitedBy: r.inviter_name === null ? null : { id: r.invited_by, name: r.inviter_name },
      createdAt: r.created_at,
      expiresAt: r.expires_at,
    }));
  }

  /** Revokes a link not used yet: it then answers NOT_FOUND, like an unknown one. Only owners revoke an owner's invitation. */
  async revoke(actor: Agent, id: string): Promise<void> {
    if (!manages(actor)) throw new AppError('FORBIDDEN', 'Only owners and admins may manage agents.');
    const invitation = await this.repo.unacceptedInvitation(id, actor.workspaceId);
    if (!invitation) throw new AppError('NOT_FOUND');
    if (invitation.role === 'owner' && actor.role !== 'owner') throw new AppError('FORBIDDEN', "Only owners may revoke an owner's invitation.");
    if (!(await this.repo.deleteInvitation(id))) throw new AppError('NOT_FOUND', 'This invitation was accepted meanwhile.');
  }

  /** For the accept page: NOT_FOUND when the token is unknown, spent or expired (which one is nobody's business). */
  async invitationInfo(token: string, now = Date.now()): Promise<InvitationInfo> {
    const invitation = await this.usable(token, now);
    return { email: invitation.email, name: invitation.name, role: invitation.role, workspaceName: await this.repo.workspaceName(invitation.workspace_id) };
  }

  /** Creates the invited agent (once per link); the caller signs them in. */
  async accept(token: string, input: InvitationAccept, now = Date.now()): Promise<Agent> {
    const invitation = await this.usable(token, now);
    const taken = () => new AppError('CONFLICT', `${invitation.email} already has a Kefu account.`, 'email');
    if (await this.repo.emailTaken(invitation.email)) throw taken();
    const passwordHash = await hashPassword(input.password);
    // Teams deleted since the invitation was sent are skipped, not an error for the invitee.
    const wanted = JSON.parse(invitation.team_ids) as string[];
    const known = await this.teams.existing(invitation.workspace_id, wanted);
    let row: AgentRow | null;
    try {
      row = await this.repo.accept(invitation, { id: newId(), name: input.name ?? invitation.name, passwordHash }, wanted.filter((id) => known.has(id)), Date.now());
    } catch (err) {
      if (await this.repo.emailTaken(invitation.email)) throw taken();
      throw err;
    }
    if (!row) throw new AppError('NOT_FOUND', 'This invitation was already used or has expired.');
    return toAgent(row);
  }

  async update(actor: Agent, id: string, change: AgentUpdate): Promise<AgentUpdated> {
    const target = await this.target(actor, id);
    checkChange(actor, target, change);
    const after = await this.repo.update(id, actor.workspaceId, change);
    if (after === undefined) throw new AppError('NOT_FOUND');
    if (after === 'last-owner') throw new AppError('CONFLICT', 'The workspace needs an active owner: make someone else owner first.', change.active === false ? 'active' : 'role');
    const deactivated = target.active === 1 && after.active === 0;
    const endedSessions = deactivated ? await this.endSessionsOf(id) : [];
    const teamIds = (await this.teams.teamsOfAgents([id])).get(id) ?? [];
    return { account: this.account(after, teamIds), deactivated, capacityChanged: change.maxChats !== undefined && change.maxChats !== target.max_chats, endedSessions };
  }

  /** Sets a new password; every session of that agent ends (their ids are returned, for the sockets). Admins cannot reset an owner's. */
  async resetPassword(actor: Agent, id: string, password: string): Promise<string[]> {
    const target = await this.target(actor, id);
    if (!manages(actor)) throw new AppError('FORBIDDEN', 'Only owners and admins may reset passwords.');
    if (target.role === 'owner' && actor.role !== 'owner') throw new AppError('FORBIDDEN', "Only owners may reset an owner's password.");
    await this.repo.setPassword(id, await hashPassword(password));
    return this.endSessionsOf(id);
  }

  /** An agent of the actor's workspace. Agents are told FORBIDDEN before anything is looked up; outsiders NOT_FOUND. */
  private async target(actor: Agent, id: string): Promise<AgentRow> {
    if (!manages(actor)) throw new AppError('FORBIDDEN', 'Only owners and admins may manage agents.');
    const row = await this.repo.byId(id, actor.workspaceId);
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  }

  private async usable(token: string, now: number): Promise<InvitationRow> {
    const invitation = await this.repo.usableInvitation(hashSecret(token), now);
    if (!invitation) throw new AppError('NOT_FOUND', 'This invitation link is unknown, already used or expired.');
    return invitation;
  }

  private account(row: AgentRow, teamIds: string[]): AgentAccount {
    return { ...toAgent(row), active: row.active === 1, maxChats: row.max_chats, teamIds, createdAt: row.created_at };
  }
}
