import * as schemas from '@kefu/protocol/schemas';
import type { FastifyInstance } from 'fastify';
import { requireSession } from '../auth/require.js';
import type { AppContext } from '../context.js';
import type { Realtime } from '../realtime/io.js';
import { parse } from '../validate.js';
import { siteSettings } from './settings.js';

interface SiteParams {
  id: string;
}

/** The workspace's sites for the console's settings: read by every agent, changed by owners and admins. */
export function siteRoutes(app: FastifyInstance, ctx: AppContext, realtime: () => Realtime): void {
  const fanout = () => realtime().fanout;
  app.get('/api/v1/sites', async (req) => {
    const { agent } = await requireSession(ctx, req);
    return { sites: await ctx.sitesService.list(agent) };
  });

  app.post('/api/v1/sites', async (req, reply) => {
    const { agent } = await requireSession(ctx, req);
    const site = await ctx.sitesService.create(agent, parse(schemas.siteCreate, req.body ?? {}));
    fanout().workspaceChanged(agent.workspaceId, { sites: true });
    return reply.code(201).send({ site: siteSettings(site, true) });
  });

  app.patch<{ Params: SiteParams }>('/api/v1/sites/:id', async (req) => {
    const { agent } = await requireSession(ctx, req);
    const before = await ctx.sitesService.administered(agent, req.params.id);
    const body = parse(schemas.siteSettingsUpdate, req.body ?? {});
    const { site, config, narrowed } = await ctx.sitesService.update(before, body);
    // Open widgets repaint at once (colour, greeting, hours, pre-chat form...).
    if (config) fanout().siteUpdated(site.id, config);
    // ...and those no longer allowed (origin, enforce mode) are dropped, to be refused on reconnect.
    if (narrowed) await realtime().siteGuard.recheck(site.id);
    fanout().workspaceChanged(agent.workspaceId, { sites: true });
    return { site };
  });

  app.post<{ Params: SiteParams }>('/api/v1/sites/:id/identity-secret', async (req) => {
    const { agent } = await requireSession(ctx, req);
    const site = await ctx.sitesService.administered(agent, req.params.id);
    const identitySecret = await ctx.sitesService.rotateSecret(site);
    // In enforce mode, identities hashed with the old secret no longer count, on open widgets too.
    if (site.identityEnforced) await realtime().siteGuard.recheck(site.id);
    fanout().workspaceChanged(agent.workspaceId, { sites: true });
    return { identitySecret };
  });
}
