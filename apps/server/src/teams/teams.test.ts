import { createTeam, deleteTeam, KefuError, listTeams, signIn, updateSite, updateTeam, type AckResult, type Team } from '@kefu/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, collect, connectVisitor, rawAgentSocket } from '../test-support/clients.js';
import { DIALECTS } from '../test-support/databases.js';
import { ADMIN, startServer, type TestServer } from '../test-support/server.js';
import { waitFor } from '../test-support/wait.js';
import { addAgent, addWorkspace, firstWorkspaceId } from '../test-support/workspaces.js';

const codeOf = (promise: Promise<unknown>) => promise.then(() => 'ok', (err: unknown) => (err instanceof KefuError ? err.code : String(err)));

for (const dialect of DIALECTS) {
  describe(`teams (${dialect})`, () => {
    let server: TestServer;
    let owner: Record<string, string>;
    let mei: { id: string; email: string; password: string };
    let lei: { id: string; email: string; password: string };
    let strangerId: string;

    beforeAll(async () => {
      server = await startServer({ dialect });
      const workspaceId = await firstWorkspaceId(server);
      owner = { cookie: (await signIn(server.url, ADMIN.email, ADMIN.password)).cookie! };
      mei = await addAgent(server, workspaceId, 'agent', 'Mei');
      lei = await addAgent(server, workspaceId, 'agent', 'Lei');
      strangerId = (await addWorkspace(server)).owner.id;
    });
    afterAll(() => server?.close());

    it('creates, renames and re-staffs teams; names are unique per workspace; every agent reads them, live', async () => {
      const meiSocket = await rawAgentSocket(server, mei);
      const changes = collect<{ teams?: true }>(meiSocket, 'workspace.changed');
      const sales = await createTeam(server.url, { name: 'Sales', agentIds: [mei.id] }, owner);
      expect(sales).toMatchObject({ name: 'Sales', agentIds: [mei.id] });
      await waitFor(() => changes.some((c) => c.teams), 'workspace.changed { teams }');
      expect(await codeOf(createTeam(server.url, { name: 'Sales' }, owner))).toBe('CONFLICT');
      const support = await createTeam(server.url, { name: 'Support' }, owner);
      expect(await codeOf(updateTeam(server.url, support.id, { name: 'Sales' }, owner))).toBe('CONFLICT');
      expect(await codeOf(updateTeam(server.url, support.id, { agentIds: [lei.id, strangerId] }, owner))).toBe('BAD_REQUEST');

      const renamed = await updateTeam(server.url, sales.id, { name: 'Pre-sales', agentIds: [lei.id, mei.id, lei.id] }, owner);
      expect(renamed).toEqual({ id: sales.id, name: 'Pre-sales', agentIds: [lei.id, mei.id].sort() });
      // A rename alone keeps the members.
      expect((await updateTeam(server.url, sales.id, { name: 'Sales' }, owner)).agentIds).toEqual([lei.id, mei.id].sort());
      const listed = await ask<AckResult<Team[]>>(meiSocket, 'teams.list', {});
      expect(listed.ok && listed.data.map((t) => t.name)).toEqual(['Sales', 'Support']);
      expect(await listTeams(server.url, { cookie: (await signIn(server.url, mei.email, mei.password)).cookie! })).toEqual(listed.ok && listed.data);
      meiSocket.close();
    });

    it("deletes a team: conversations and sites routed to it go to the whole workspace; its members stay agents", async () => {
      const billing = await createTeam(server.url, { name: 'Billing', agentIds: [mei.id] }, owner);
      const siteId = (await server.app.inject({ url: '/api/v1/sites', headers: owner })).json().sites[0].id as string;
      expect((await updateSite(server.url, siteId, { routing: { teamId: billing.id } }, owner)).routing.teamId).toBe(billing.id);
      expect(await codeOf(updateSite(server.url, siteId, { routing: { teamId: strangerId } }, owner))).toBe('BAD_REQUEST');
      const visitor = await connectVisitor(server);
      visitor.send('about my invoice');
      await waitFor(() => visitor.items()[0]?.state === 'sent', 'the message');
      const conversationId = visitor.conversation!.id;
      await server.app.kefu.storage.db.updateTable('conversations').set({ team_id: billing.id }).where('id', '=', conversationId).execute();

      await deleteTeam(server.url, billing.id, owner);
      expect((await listTeams(server.url, owner)).map((t) => t.id)).not.toContain(billing.id);
      const conversation = await server.app.kefu.storage.db.selectFrom('conversations').select('team_id').where('id', '=', conversationId).executeTakeFirstOrThrow();
      expect(conversation.team_id).toBeNull();
      const site = (await server.app.inject({ url: '/api/v1/sites', headers: owner })).json().sites[0];
      expect(site.routing.teamId).toBeNull();
      expect(await codeOf(deleteTeam(server.url, billing.id, owner))).toBe('NOT_FOUND');
      expect(await codeOf(signIn(server.url, mei.email, mei.password))).toBe('ok');
      visitor.close();
    });
  });
}
