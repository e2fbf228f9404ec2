import * as schemas from '@kefu/protocol/schemas';
import type { AppContext } from '../context.js';
import type { Fanout } from '../realtime/fanout.js';
import { handle } from '../realtime/handle.js';
import type { VisitorSocket } from '../realtime/types.js';

/** The loader reports every page the visitor opens; agents see where they are. */
export function visitorPageViewSockets(socket: VisitorSocket, ctx: AppContext, fanout: Fanout): void {
  const { visitorId, siteId, workspaceId } = socket.data;
  handle(socket, 'page.view', schemas.pageView, async (p) => {
    const view = await ctx.pageViews.record({ visitorId, siteId }, p);
    fanout.visitorPage({ ...view, visitorId, siteId }, workspaceId);
    return {};
  }, ctx.log);
}
