import { createTeam, deleteTeam, KefuError, memoryStorage, signIn, updateSite, updateTeam, type AckResult, type Message, type VisitorClient } from '@kefu/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseDepartmentIds } from '../sites/settings.js';
import { ask, connectAgent, connectVisitor, rawVisitorSocket } from '../test-support/clients.js';
import { DIALECTS } from '../test-support/databases.js';
import { routedAgent, setRouting } from '../test-support/routing.js';
import { ADMIN, startServer, type TestServer } from '../test-support/server.js';
import { waitFor } from '../test-support/wait.js';
import { addWorkspace } from '../test-support/workspaces.js';

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (err: unknown) => (err instanceof KefuError ? { code: err.code, path: err.path } : { code: String(err), path: undefined }),
  );

for (const dialect of DIALECTS) {
  describe(`pre-chat departments (${dialect})`, () => {
    let server: TestServer;
    let owner: Record<string, string>;
    let siteId: string;
    let open: { close(): void }[] = [];
    const track = <T extends { close(): void }>(c: T): T => (open.push(c), c);
    const storedIds = async () => parseDepartmentIds((await server.app.kefu.storage.db.selectFrom('sites').select('settings').where('id', '=', siteId).executeTakeFirstOrThrow()).settings);

    beforeAll(async () => {
      server = await startServer({ dialect });
      owner = { cookie: (await signIn(server.url, ADMIN.email, ADMIN.password)).cookie! };
      siteId = (await server.app.kefu.sites.byKey(server.siteKey))!.id;
    });
    afterEach(async () => {
      for (const c of open) c.close();
      open = [];
      await server.app.kefu.storage.db.updateTable('conversations').set({ status: 'closed', assignee_id: null }).execute();
      await updateSite(server.url, siteId, { departments: [] }, owner);
      await setRouting(server, { mode: 'manual', teamId: null });
    });
    afterAll(() => server?.close());

    it('accepts only teams of the workspace, each once, at most 20; visitors see them in order with names', async () => {
      const sales = await createTeam(server.url, { name: `Sales ${dialect}` }, owner);
      const support = await createTeam(server.url, { name: `Support ${dialect}` }, owner);
      const stranger = await addWorkspace(server);
      const foreign = await createTeam(server.url, { name: 'Theirs' }, { cookie: (await signIn(server.url, stranger.owner.email, stranger.owner.password)).cookie! });

      expect(await refusal(updateSite(server.url, siteId, { departments: [support.id, foreign.id] }, owner))).toEqual({ code: 'BAD_REQUEST', path: 'departments.1' });
      expect(await refusal(updateSite(server.url, siteId, { departments: [sales.id, sales.id] }, owner))).toEqual({ code: 'BAD_REQUEST', path: 'departments' });
      expect(await refusal(updateSite(server.url, siteId, { departments: Array.from({ length: 21 }, (_, i) => `t${i}`) }, owner))).toMatchObject({ code: 'BAD_REQUEST', path: 'departments' });
      expect(await storedIds()).toEqual([]);

      const site = await updateSite(server.url, siteId, { departments: [support.id, sales.id] }, owner);
      expect(site.departments).toEqual([support.id, sales.id]);
      // Other settings saved later keep the list.
      expect((await updateSite(server.url, siteId, { greeting: 'Hi there' }, owner)).departments).toEqual([support.id, sales.id]);
      const visitor = track(await connectVisitor(server));
      expect(visitor.site?.departments).toEqual([
        { id: support.id, name: support.name },
        { id: sales.id, name: sales.name },
      ]);
    });

    it('routes a chosen department to its agent in auto mode, over the site\'s team', async () => {
      const [inSiteTeam, inChosen] = [await routedAgent(server, 5), await routedAgent(server, 5)];
      const siteTeam = await createTeam(server.url, { name: `Front desk ${dialect}`, agentIds: [inSiteTeam.id] }, owner);
      const chosen = await createTeam(server.url, { name: `Billing ${dialect}`, agentIds: [inChosen.id] }, owner);
      await updateSite(server.url, siteId, { departments: [siteTeam.id, chosen.id], routing: { mode: 'auto', teamId: siteTeam.id } }, owner);
      track(await connectAgent(server, inSiteTeam));
      track(await connectAgent(server, inChosen));

      const visitor = track(await connectVisitor(server));
      visitor.send('about my invoice', { teamId: chosen.id });
      await waitFor(() => visitor.conversation?.assigneeId === inChosen.id, 'assigned to the chosen department\'s agent');
      expect(visitor.conversation?.teamId).toBe(chosen.id);
      // Without a choice, the site's team.
      const other = track(await connectVisitor(server));
      other.send('hello');
      await waitFor(() => other.conversation?.assigneeId === inSiteTeam.id, 'assigned within the site\'s team');
      expect(other.conversation?.teamId).toBe(siteTeam.id);
    });

    it('files a choice the site does not offer under the site\'s team, and never under that team', async () => {
      const offered = await createTeam(server.url, { name: `Offered ${dialect}` }, owner);
      const notOffered = await createTeam(server.url, { name: `Hidden ${dialect}` }, owner);
      await updateSite(server.url, siteId, { departments: [offered.id] }, owner);
      const stranger = await addWorkspace(server);
      const foreign = await createTeam(server.url, { name: 'Foreign' }, { cookie: (await signIn(server.url, stranger.owner.email, stranger.owner.password)).cookie! });

      for (const teamId of [notOffered.id, foreign.id, 'no-such-team']) {
        const stray = track(await rawVisitorSocket(server));
        const answer = await ask<AckResult<Message>>(stray, 'message.send', { clientMsgId: crypto.randomUUID(), body: 'pick me', teamId });
        expect(answer.ok).toBe(true);
        // The site's team (none here): the message is kept, the stray choice ignored.
        expect((await server.app.kefu.conversationsRepo.byId(answer.ok ? answer.data.conversationId : ''))?.teamId).toBeNull();
      }
      const socket = track(await rawVisitorSocket(server));
      const session = await ask<AckResult<{ visitorId: string }>>(socket, 'session.hello', {});
      const visitorId = session.ok ? session.data.visitorId : '';
      // The offered one is taken.
      const sent = await ask<AckResult<Message>>(socket, 'message.send', { clientMsgId: crypto.randomUUID(), body: 'offered', teamId: offered.id });
      expect(sent.ok).toBe(true);
      expect((await server.app.kefu.conversationsRepo.openForVisitor(visitorId))?.teamId).toBe(offered.id);
    });

    it('keeps the choice in the outbox: a reload before the first ack still sends it', async () => {
      const chosen = await createTeam(server.url, { name: `Returns ${dialect}` }, owner);
      await updateSite(server.url, siteId, { departments: [chosen.id] }, owner);
      const storage = memoryStorage();
      const first = track(await connectVisitor(server, { storage }));
      // Known to the server, but the send never leaves this tab: it goes away before the ack.
      first.close();
      first.send('my parcel came back', { teamId: chosen.id });
      const reloaded: VisitorClient = track(await connectVisitor(server, { storage }));
      await waitFor(() => reloaded.items()[0]?.state === 'sent', 'the message sent after the reload');
      expect(reloaded.conversation?.teamId).toBe(chosen.id);
    });

    it('tells connected visitors when a department is renamed or deleted, and forgets a deleted one', async () => {
      const kept = await createTeam(server.url, { name: `Kept ${dialect}` }, owner);
      const doomed = await createTeam(server.url, { name: `Doomed ${dialect}` }, owner);
      await updateSite(server.url, siteId, { departments: [doomed.id, kept.id] }, owner);
      const visitor = track(await connectVisitor(server));
      expect(visitor.site?.departments.map((d) => d.name)).toEqual([doomed.name, kept.name]);

      await updateTeam(server.url, kept.id, { name: `Renamed ${dialect}` }, owner);
      await waitFor(() => visitor.site?.departments[1]?.name === `Renamed ${dialect}`, 'the new name, live');

      await deleteTeam(server.url, doomed.id, owner);
      await waitFor(() => visitor.site?.departments.length === 1, 'the deleted department gone, live');
      expect(visitor.site?.departments).toEqual([{ id: kept.id, name: `Renamed ${dialect}` }]);
      expect(await storedIds()).toEqual([kept.id]);
      const socket = track(await rawVisitorSocket(server));
      // A message chosen for it before (an offline outbox) is still taken, under the site's team.
      const late = await ask<AckResult<Message>>(socket, 'message.send', { clientMsgId: crypto.randomUUID(), body: 'too late', teamId: doomed.id });
      expect(late.ok).toBe(true);
      expect((await server.app.kefu.conversationsRepo.byId(late.ok ? late.data.conversationId : ''))?.teamId).not.toBe(doomed.id);
    });
  });
}
