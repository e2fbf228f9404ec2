import * as schemas from '@kefu/protocol/schemas';
import type { FastifyInstance } from 'fastify';
import { requireSession } from '../auth/require.js';
import type { AppContext } from '../context.js';
import type { Fanout } from '../realtime/fanout.js';
import { parse } from '../validate.js';

interface SiteParams {
  id: string;
}

/** The workspace's sites for the console's settings: read by every agent, changed by owners and admins. */
export function siteRoutes(app: FastifyInstance, ctx: AppContext, fanout: () => Fanout): void {
  app.get('/api/v1/sites', async (req) => {
    const { agent } = await requireSession(ctx, req);
    return { sites: await ctx.sitesService.list(agent) };
  });

  app.patch<{ Params: SiteParams }>('/api/v1/sites/:id', async (req) => {
    const { agent } = await requireSession(ctx, req);
    const before = await ctx.sitesService.administered(agent, req.params.id);
    const body = parse(schemas.siteSettingsUpdate, req.body ?? {});
    const { site, config } = await ctx.sitesService.update(before, body);
    // Open widgets repaint at once (colour, greeting, hours, pre-chat form...).
    if (config) fanout().siteUpdated(site.id, config);
    return { site };
  });

  app.post<{ Params: SiteParams }>('/api/v1/sites/:id/identity-secret', async (req) => {
    const { agent } = await requireSession(ctx, req);
    const site = await ctx.sitesService.administered(agent, req.params.id);
    return { identitySecret: await ctx.sitesService.rotateSecret(site) };
  });
}
