import * as schemas from '@kefu/protocol/schemas';
import type { FastifyInstance } from 'fastify';
import { requireSession } from '../auth/require.js';
import type { AppContext } from '../context.js';
import type { Fanout } from '../realtime/fanout.js';
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
    const team = await ctx.teams.update(agent, req.params.id, parse(schemas.teamUpdate, req.body ?? {}));
    fanout().workspaceChanged(agent.workspaceId, { teams: true });
    return { team };
  });

  app.delete<{ Params: TeamParams }>('/api/v1/teams/:id', async (req, reply) => {
    const { agent } = await requireSession(ctx, req);
    await ctx.teams.delete(agent, req.params.id);
    // Sites routed to it changed too.
    fanout().workspaceChanged(agent.workspaceId, { teams: true, sites: true });
    return reply.code(204).send();
  });
}
