import type { Agent, SiteSettings, SiteSettingsUpdate, WidgetConfig } from '@kefu/protocol';
import { AppError } from '../errors.js';
import { isOriginPattern } from './origins.js';
import type { Site, SitePatch, SitesRepo } from './repo.js';
import { siteSettings, widgetConfig } from './settings.js';

/** Owners and admins manage sites; agents only read them (without the identity secret). */
export const administers = (agent: Agent): boolean => agent.role === 'owner' || agent.role === 'admin';

export class SitesService {
  constructor(private readonly repo: SitesRepo) {}

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
  async update(before: Site, body: SiteSettingsUpdate): Promise<{ site: SiteSettings; config: WidgetConfig | null }> {
    const { name, allowedOrigins, identityEnforced, routing, ...settings } = body;
    allowedOrigins?.forEach((pattern, i) => {
      if (!isOriginPattern(pattern)) {
        throw new AppError('BAD_REQUEST', `allowedOrigins.${i}: expected an origin such as https://shop.example.com, http://localhost:* or https://*.example.com`, `allowedOrigins.${i}`);
      }
    });
    const patch: SitePatch = {
      ...(name !== undefined ? { name } : {}),
      ...(allowedOrigins !== undefined ? { allowedOrigins: [...new Set(allowedOrigins)] } : {}),
      ...(identityEnforced !== undefined ? { identityEnforced } : {}),
      ...(routing !== undefined ? { routing } : {}),
      ...(Object.keys(settings).length > 0 ? { settings } : {}),
    };
    const after = await this.repo.update(before.id, patch);
    if (!after) throw new AppError('NOT_FOUND');
    const config = widgetConfig(after);
    const changed = JSON.stringify(config) !== JSON.stringify(widgetConfig(before));
    return { site: siteSettings(after, true), config: changed ? config : null };
  }

  /** For a site from `administered()`. */
  async rotateSecret(site: Site): Promise<string> {
    const secret = await this.repo.rotateSecret(site.id);
    if (!secret) throw new AppError('NOT_FOUND');
    return secret;
  }
}
