import type { Agent, Team, TeamCreate, TeamUpdate } from '@kefu/protocol';
import { AppError } from '../errors.js';
import { newId } from '../ids.js';
import type { Site, SitesRepo } from '../sites/repo.js';
import type { TeamsRepo } from './repo.js';

/** Owners and admins manage teams; every agent reads them (transfer to a team, the team filter). */
const manages = (agent: Agent) => agent.role === 'owner' || agent.role === 'admin';

export class TeamsService {
  constructor(
    private readonly repo: TeamsRepo,
    private readonly sites: SitesRepo,
    private readonly agentIdsOf: (workspaceId: string) => Promise<string[]>,
  ) {}

  list(agent: Agent): Promise<Team[]> {
    return this.repo.ofWorkspace(agent.workspaceId);
  }

  async create(agent: Agent, input: TeamCreate): Promise<Team> {
    this.requireManager(agent);
    const id = newId();
    await this.checkMembers(agent.workspaceId, input.agentIds);
    await this.unique(agent.workspaceId, input.name, null, () => this.repo.save({ id, workspaceId: agent.workspaceId, name: input.name, agentIds: input.agentIds ?? [] }, true));
    return (await this.repo.byId(id, agent.workspaceId))!;
  }

  async update(agent: Agent, id: string, change: TeamUpdate): Promise<Team> {
    this.requireManager(agent);
    await this.existing(agent, id);
    await this.checkMembers(agent.workspaceId, change.agentIds);
    const save = () => this.repo.save({ id, workspaceId: agent.workspaceId, ...change }, false);
    if (change.name !== undefined) await this.unique(agent.workspaceId, change.name, id, save);
    else await save();
    return (await this.repo.byId(id, agent.workspaceId))!;
  }

  /**
   * Conversations and sites routed to the team go to the whole workspace instead, and
   * it leaves the sites' pre-chat departments. Returns the sites whose widget config
   * changed (their open widgets are to be told).
   */
  async delete(agent: Agent, id: string): Promise<Site[]> {
    this.requireManager(agent);
    await this.existing(agent, id);
    // Read before the delete: afterwards the team is no longer among the sites' departments.
    const sites = await this.sites.ofWorkspace(agent.workspaceId);
    await this.repo.delete(id);
    const offering: Site[] = [];
    for (const site of sites) {
      const routed = site.routing.teamId === id;
      const offered = site.settings.departments.some((d) => d.id === id);
      if (!routed && !offered) continue;
      const after = await this.sites.update(site.id, { ...(routed ? { routing: { teamId: null } } : {}), ...(offered ? { withoutDepartment: id } : {}) });
      if (offered && after) offering.push(after);
    }
    return offering;
  }

  /** The workspace's sites that offer the team in their pre-chat form (a rename shows there). */
  async sitesOffering(workspaceId: string, id: string): Promise<Site[]> {
    return (await this.sites.ofWorkspace(workspaceId)).filter((site) => site.settings.departments.some((d) => d.id === id));
  }

  private requireManager(agent: Agent): void {
    if (!manages(agent)) throw new AppError('FORBIDDEN', 'Only owners and admins may change teams.');
  }

  /** NOT_FOUND for another workspace's team as for none at all. */
  private async existing(agent: Agent, id: string): Promise<Team> {
    const team = await this.repo.byId(id, agent.workspaceId);
    if (!team) throw new AppError('NOT_FOUND');
    return team;
  }

  private async checkMembers(workspaceId: string, agentIds: readonly string[] | undefined): Promise<void> {
    if (!agentIds?.length) return;
    const members = new Set(await this.agentIdsOf(workspaceId));
    const i = agentIds.findIndex((id) => !members.has(id));
    if (i >= 0) throw new AppError('BAD_REQUEST', `agentIds.${i}: not an agent of this workspace`, `agentIds.${i}`);
  }

  /** Runs the write unless the name is taken; a concurrent taker is caught by the unique index. */
  private async unique(workspaceId: string, name: string, exceptId: string | null, write: () => Promise<void>): Promise<void> {
    const conflict = () => new AppError('CONFLICT', `A team named "${name}" already exists.`, 'name');
    if (await this.repo.nameTaken(workspaceId, name, exceptId)) throw conflict();
    try {
      await write();
    } catch (err) {
      if (await this.repo.nameTaken(workspaceId, name, exceptId)) throw conflict();
      throw err;
    }
  }
}
