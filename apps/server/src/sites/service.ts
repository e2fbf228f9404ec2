import { randomBytes } from 'node:crypto';
import type { Agent, SiteCreate, SiteSettings, SiteSettingsUpdate, WidgetConfig } from '@kefu/protocol';
import { AppError } from '../errors.js';
import { newId } from '../ids.js';
import { isOriginPattern } from './origins.js';
import type { Site, SitePatch, SitesRepo } from './repo.js';
import { siteSettings, widgetConfig } from './settings.js';

/** Owners and admins manage sites; agents only read them (without the identity secret). */
export const administers = (agent: Agent): boolean => agent.role === 'owner' || agent.role === 'admin';

/** A new site accepts local development servers until an admin adds the real origins. */
export const NEW_SITE_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*'];

function checkOrigins(allowedOrigins: readonly string[] | undefined): void {
  allowedOrigins?.forEach((pattern, i) => {
    if (!isOriginPattern(pattern)) {
      throw new AppError('BAD_REQUEST', `allowedOrigins.${i}: expected an origin such as https://shop.example.com, http://localhost:* or https://*.example.com`, `allowedOrigins.${i}`);
    }
  });
}

/** Whether a setting changed so that some connected visitors may now be refused (see live.ts). */
export function narrows(before: Site, after: Site): boolean {
  const originsNarrowed = before.allowedOrigins.some((o) => !after.allowedOrigins.includes(o));
  return originsNarrowed || (!before.identityEnforced && after.identityEnforced);
}

export class SitesService {
  constructor(
    private readonly repo: SitesRepo,
    /** Which of the ids are teams of the workspace (a site routes to one of its own teams only). */
    private readonly teamsOf: (workspaceId: string, ids: string[]) => Promise<Set<string>>,
  ) {}

  /** A new site (owners and admins) with its own key and identity secret. */
  async create(agent: Agent, input: SiteCreate): Promise<Site> {
    if (!administers(agent)) throw new AppError('FORBIDDEN', 'Only owners and admins may create sites.');
    checkOrigins(input.allowedOrigins);
    const publicKey = `site_${randomBytes(9).toString('base64url')}`;
    return this.repo.create({ id: newId(), workspaceId: agent.workspaceId, publicKey, name: input.name, allowedOrigins: [...new Set(input.allowedOrigins ?? NEW_SITE_ORIGINS)] });
  }

  async list(agent: Agent): Promise<SiteSettings[]> {
    const sites = await this.repo.ofWorkspace(agent.workspaceId);
    return sites.map((site) => siteSettings(site, administers(agent)));
  }

  /** A site of the agent's workspace; NOT_FOUND for any other (ids leak nothing). */
  async forWorkspace(siteId: string, workspaceId: string): Promise<Site> {
    const site = await this.repo.byId(siteId);
    if (!site || site.workspaceId !== workspaceId) throw new AppError('NOT_FOUND');
    return site;
  }

  /** A site the agent may change: FORBIDDEN for the 'agent' role, NOT_FOUND outside their workspace. */
  async administered(agent: Agent, siteId: string): Promise<Site> {
    if (!administers(agent)) throw new AppError('FORBIDDEN', 'Only owners and admins may change sites.');
    return this.forWorkspace(siteId, agent.workspaceId);
  }

  /**
   * Saves an admin's changes to a site from `administered()`. `config` is the widget
   * config after the change when it differs from before (visitors are told), else null.
   */
  async update(before: Site, body: SiteSettingsUpdate): Promise<{ site: SiteSettings; config: WidgetConfig | null; narrowed: boolean }> {
    const { name, allowedOrigins, identityEnforced, routing, departments, ...settings } = body;
    checkOrigins(allowedOrigins);
    const teamId = routing?.teamId;
    if (teamId && !(await this.teamsOf(before.workspaceId, [teamId])).has(teamId)) {
      throw new AppError('BAD_REQUEST', 'routing.teamId: not a team of this workspace', 'routing.teamId');
    }
    await this.checkDepartments(before.workspaceId, departments);
    const patch: SitePatch = {
      ...(name !== undefined ? { name } : {}),
      ...(departments !== undefined ? { departments } : {}),
      ...(allowedOrigins !== undefined ? { allowedOrigins: [...new Set(allowedOrigins)] } : {}),
      ...(identityEnforced !== undefined ? { identityEnforced } : {}),
      ...(routing !== undefined ? { routing } : {}),
      ...(Object.keys(settings).length > 0 ? { settings } : {}),
    };
    const after = await this.repo.update(before.id, patch);
    if (!after) throw new AppError('NOT_FOUND');
    const config = widgetConfig(after);
    const changed = JSON.stringify(config) !== JSON.stringify(widgetConfig(before));
    return { site: siteSettings(after, true), config: changed ? config : null, narrowed: narrows(before, after) };
  }

  /** The pre-chat departments must be teams of the site's workspace (the schema checked count and uniqueness). */
  private async checkDepartments(workspaceId: string, ids: readonly string[] | undefined): Promise<void> {
    if (!ids?.length) return;
    const teams = await this.teamsOf(workspaceId, [...ids]);
    const i = ids.findIndex((id) => !teams.has(id));
    if (i >= 0) throw new AppError('BAD_REQUEST', `departments.${i}: not a team of this workspace`, `departments.${i}`);
  }

  /** For a site from `administered()`. */
  async rotateSecret(site: Site): Promise<string> {
    const secret = await this.repo.rotateSecret(site.id);
    if (!secret) throw new AppError('NOT_FOUND');
    return secret;
  }
}
