import * as schemas from '@kefu/protocol/schemas';
import type { FastifyInstance } from 'fastify';
import { requireSession } from '../auth/require.js';
import type { AppContext } from '../context.js';
import type { Fanout } from '../realtime/fanout.js';
import { parse } from '../validate.js';
import type { CannedChange } from './service.js';

interface CannedParams {
  id: string;
}

/** Canned replies for the console: shared ones for the workspace, personal ones for their owner (see service.ts for who may change what). */
export function cannedRoutes(app: FastifyInstance, ctx: AppContext, fanout: () => Fanout): void {
  const announce = ({ reply, scopes }: CannedChange, workspaceId: string) => {
    for (const scope of scopes) fanout().cannedChanged(scope, workspaceId, reply.ownerId);
  };

  app.get('/api/v1/canned-replies', async (req) => {
    const { agent } = await requireSession(ctx, req);
    return { cannedReplies: await ctx.cannedReplies.list(agent) };
  });

  app.post('/api/v1/canned-replies', async (req, reply) => {
    const { agent } = await requireSession(ctx, req);
    const change = await ctx.cannedReplies.create(agent, parse(schemas.cannedReplyCreate, req.body ?? {}));
    announce(change, agent.workspaceId);
    return reply.code(201).send({ cannedReply: change.reply });
  });

  app.patch<{ Params: CannedParams }>('/api/v1/canned-replies/:id', async (req) => {
    const { agent } = await requireSession(ctx, req);
    const body = parse(schemas.cannedReplyUpdate, req.body ?? {});
    const change = await ctx.cannedReplies.update(agent, req.params.id, body);
    announce(change, agent.workspaceId);
    return { cannedReply: change.reply };
  });

  app.delete<{ Params: CannedParams }>('/api/v1/canned-replies/:id', async (req, reply) => {
    const { agent } = await requireSession(ctx, req);
    announce(await ctx.cannedReplies.delete(agent, req.params.id), agent.workspaceId);
    return reply.code(204).send();
  });
}
