import * as schemas from '@kefu/protocol/schemas';
import type { FastifyInstance } from 'fastify';
import { requireSession } from '../auth/require.js';
import type { AppContext } from '../context.js';
import type { Fanout } from '../realtime/fanout.js';
import { widgetConfig } from '../sites/settings.js';
import { parse } from '../validate.js';

interface TeamParams {
  id: string;
}

/** Teams: read by every agent, changed by owners and admins; the workspace's consoles hear of each change. */
export function teamRoutes(app: FastifyInstance, ctx: AppContext, fanout: () => Fanout): void {
  app.get('/api/v1/teams', async (req) => {
    const { agent } = await requireSession(ctx, req);
    return { teams: await ctx.teams.list(agent) };
  });

  app.post('/api/v1/teams', async (req, reply) => {
    const { agent } = await requireSession(ctx, req);
    const team = await ctx.teams.create(agent, parse(schemas.teamCreate, req.body ?? {}));
    fanout().workspaceChanged(agent.workspaceId, { teams: true });
    return reply.code(201).send({ team });
  });

  app.patch<{ Params: TeamParams }>('/api/v1/teams/:id', async (req) => {
    const { agent } = await requireSession(ctx, req);
    const change = parse(schemas.teamUpdate, req.body ?? {});
    const team = await ctx.teams.update(agent, req.params.id, change);
    fanout().workspaceChanged(agent.workspaceId, { teams: true });
    // Open widgets offering it as a department show the new name.
    if (change.name !== undefined) {
      for (const site of await ctx.teams.sitesOffering(agent.workspaceId, team.id)) fanout().siteUpdated(site.id, widgetConfig(site));
    }
    return { team };
  });

  app.delete<{ Params: TeamParams }>('/api/v1/teams/:id', async (req, reply) => {
    const { agent } = await requireSession(ctx, req);
    const offering = await ctx.teams.delete(agent, req.params.id);
    // Sites routed to it changed too, and open widgets offering it as a department drop it.
    for (const site of offering) fanout().siteUpdated(site.id, widgetConfig(site));
    fanout().workspaceChanged(agent.workspaceId, { teams: true, sites: true });
    return reply.code(204).send();
  });
}
