import * as schemas from '@kefu/protocol/schemas';
import type { AppContext } from '../context.js';
import { on, type Events } from '../realtime/events.js';
import type { Fanout } from '../realtime/fanout.js';
import type { VisitorSocket } from '../realtime/types.js';

/** The loader reports every page the visitor opens; agents see where they are. */
export function visitorPageViewEvents(ctx: AppContext, fanout: Fanout): Events<VisitorSocket> {
  return {
    'page.view': on(schemas.pageView, async (socket: VisitorSocket, p) => {
      const { visitorId, siteId, workspaceId } = socket.data;
      const view = await ctx.pageViews.record({ visitorId, siteId }, p);
      fanout.visitorPage({ ...view, visitorId, siteId }, workspaceId);
      return {};
    }),
  };
}
