import {
  acceptInvitation,
  currentAgent,
  invitationInfo,
  inviteAgent,
  KefuError,
  listAgentAccounts,
  listInvitations,
  resetAgentPassword,
  revokeInvitation,
  signIn,
  updateAgent,
  type AgentAccount,
} from '@kefu/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, connectAgent, connectVisitor, rawAgentSocket } from '../test-support/clients.js';
import { DIALECTS } from '../test-support/databases.js';
import { ADMIN, startServer, type TestServer } from '../test-support/server.js';
import { waitFor } from '../test-support/wait.js';
import { addAgent, firstWorkspaceId } from '../test-support/workspaces.js';

/** The error code a rejected call ended with. */
const codeOf = (promise: Promise<unknown>) => promise.then(() => 'ok', (err: unknown) => (err instanceof KefuError ? err.code : String(err)));
const tokenOf = (url: string) => url.split('#/invite/')[1]!;

for (const dialect of DIALECTS) {
  describe(`agents: invitations, deactivation, owners, passwords (${dialect})`, () => {
    let server: TestServer;
    let workspaceId: string;
    let owner: Record<string, string>;
    let ownerId: string;

    beforeAll(async () => {
      server = await startServer({ dialect });
      workspaceId = await firstWorkspaceId(server);
      const signedIn = await signIn(server.url, ADMIN.email, ADMIN.password);
      owner = { cookie: signedIn.cookie! };
      ownerId = signedIn.agent.id;
    });
    afterAll(() => server?.close());

    it('invites by link: the invitee sees who invited them, sets a password, lands signed in and in their teams; the link works once', async () => {
      const team = (await server.app.inject({ method: 'POST', url: '/api/v1/teams', headers: owner, payload: { name: 'Sales' } })).json().team as { id: string };
      const invitation = await inviteAgent(server.url, { email: 'Li.Wei@Example.com', name: 'Li Wei', role: 'agent', teamIds: [team.id] }, owner);
      expect(invitation).toMatchObject({ email: 'li.wei@example.com', name: 'Li Wei', role: 'agent', teamIds: [team.id] });
      expect(invitation.url).toMatch(new RegExp(`^${server.config.publicUrl}/console/#/invite/[A-Za-z0-9_-]{43}$`));
      expect(invitation.expiresAt - Date.now()).toBeGreaterThan(6 * 24 * 3600_000);
      const token = tokenOf(invitation.url);
      // Only the hash is stored: the database holds no live link.
      const stored = await server.app.kefu.storage.db.selectFrom('invitations').select('token_hash').where('id', '=', invitation.id).executeTakeFirstOrThrow();
      expect(stored.token_hash).not.toContain(token);

      expect(await invitationInfo(server.url, token)).toEqual({ email: 'li.wei@example.com', name: 'Li Wei', role: 'agent', workspaceName: 'My workspace' });
      expect(await codeOf(acceptInvitation(server.url, token, { password: 'short' }))).toBe('BAD_REQUEST');
      const { agent, cookie } = await acceptInvitation(server.url, token, { password: 'li-wei-password', name: 'Wei' });
      expect(agent).toMatchObject({ email: 'li.wei@example.com', name: 'Wei', role: 'agent', workspaceId });
      expect((await currentAgent(server.url, { cookie: cookie! }))?.id).toBe(agent.id);
      expect((await signIn(server.url, 'li.wei@example.com', 'li-wei-password')).agent.id).toBe(agent.id);
      const account = (await listAgentAccounts(server.url, owner)).find((a) => a.id === agent.id);
      expect(account).toMatchObject({ active: true, maxChats: 8, teamIds: [team.id] });

      expect(await codeOf(acceptInvitation(server.url, token, { password: 'someone-else-password' }))).toBe('NOT_FOUND');
      expect(await codeOf(invitationInfo(server.url, token))).toBe('NOT_FOUND');
      expect(await codeOf(invitationInfo(server.url, 'not-a-real-token'))).toBe('NOT_FOUND');
      expect(await codeOf(acceptInvitation(server.url, 'not-a-real-token', { password: 'whatever-password' }))).toBe('NOT_FOUND');
      // An email that already has an account, in any workspace, cannot be invited again.
      expect(await codeOf(inviteAgent(server.url, { email: 'li.wei@example.com', name: 'Again', role: 'agent' }, owner))).toBe('CONFLICT');
      expect(await codeOf(inviteAgent(server.url, { email: 'x@example.com', name: 'X', role: 'agent', teamIds: ['00000000-0000-4000-8000-000000000000'] }, owner))).toBe('BAD_REQUEST');
    });

    it('lets only one of two racing accepts of the same link through', async () => {
      const { url } = await inviteAgent(server.url, { email: 'race@example.com', name: 'Race', role: 'agent' }, owner);
      const results = await Promise.all([1, 2].map((i) => codeOf(acceptInvitation(server.url, tokenOf(url), { password: `race-password-${i}` }))));
      expect(results.sort()).toEqual(['NOT_FOUND', 'ok'].sort());
      expect((await listAgentAccounts(server.url, owner)).filter((a) => a.email === 'race@example.com')).toHaveLength(1);
    });

    it('refuses an expired link', async () => {
      const { id, url } = await inviteAgent(server.url, { email: 'late@example.com', name: 'Late', role: 'agent' }, owner);
      await server.app.kefu.storage.db.updateTable('invitations').set({ expires_at: Date.now() - 1 }).where('id', '=', id).execute();
      expect(await codeOf(invitationInfo(server.url, tokenOf(url)))).toBe('NOT_FOUND');
      expect(await codeOf(acceptInvitation(server.url, tokenOf(url), { password: 'late-password-1' }))).toBe('NOT_FOUND');
    });

    it('lists pending invitations (not used, not expired) with who sent them, live; a revoked link answers like an unknown one', async () => {
      const watcher = await rawAgentSocket(server);
      const changes = collect<{ agents?: true }>(watcher, 'workspace.changed');
      const pending = await inviteAgent(server.url, { email: 'pending@example.com', name: 'Pending', role: 'admin' }, owner);
      await waitFor(() => changes.some((c) => c.agents), 'workspace.changed { agents } after an invitation');
      const used = await inviteAgent(server.url, { email: 'used@example.com', name: 'Used', role: 'agent' }, owner);
      await acceptInvitation(server.url, tokenOf(used.url), { password: 'used-password-1' });
      const expired = await inviteAgent(server.url, { email: 'expired@example.com', name: 'Expired', role: 'agent' }, owner);
      await server.app.kefu.storage.db.updateTable('invitations').set({ expires_at: Date.now() - 1 }).where('id', '=', expired.id).execute();

      const listed = await listInvitations(server.url, owner);
      expect(listed.map((i) => i.email)).toContain('pending@example.com');
      expect(listed.map((i) => i.email)).not.toEqual(expect.arrayContaining(['used@example.com']));
      expect(listed.map((i) => i.email)).not.toEqual(expect.arrayContaining(['expired@example.com']));
      const entry = listed.find((i) => i.id === pending.id)!;
      expect(entry).toEqual({ id: pending.id, email: 'pending@example.com', name: 'Pending', role: 'admin', teamIds: [], invitedBy: { id: ownerId, name: expect.any(String) }, createdAt: expect.any(Number), expiresAt: pending.expiresAt });
      // The link itself is shown once, at creation: never in the list.
      expect(JSON.stringify(listed)).not.toContain(tokenOf(pending.url));

      changes.length = 0;
      await revokeInvitation(server.url, pending.id, owner);
      await waitFor(() => changes.some((c) => c.agents), 'workspace.changed { agents } after a revocation');
      expect((await listInvitations(server.url, owner)).map((i) => i.id)).not.toContain(pending.id);
      expect(await codeOf(invitationInfo(server.url, tokenOf(pending.url)))).toBe('NOT_FOUND');
      expect(await codeOf(acceptInvitation(server.url, tokenOf(pending.url), { password: 'too-late-password' }))).toBe('NOT_FOUND');
      // Twice, or an accepted one: nothing to revoke.
      expect(await codeOf(revokeInvitation(server.url, pending.id, owner))).toBe('NOT_FOUND');
      expect(await codeOf(revokeInvitation(server.url, used.id, owner))).toBe('NOT_FOUND');
      // The invitee may still be invited again.
      expect((await inviteAgent(server.url, { email: 'pending@example.com', name: 'Pending', role: 'agent' }, owner)).email).toBe('pending@example.com');
      watcher.close();
    });

    it('deactivates an agent: their sockets close, their cookie and password stop working; reactivated, they sign in again', async () => {
      const mei = await addAgent(server, workspaceId, 'agent', 'Mei');
      const meiHeaders = { cookie: (await signIn(server.url, mei.email, mei.password)).cookie! };
      const meiClient = await connectAgent(server, mei);
      const watcher = await rawAgentSocket(server);
      const changes = collect<{ agents?: true }>(watcher, 'workspace.changed');
      // An open chat of Mei's goes back to the queue when she is deactivated.
      const visitor = await connectVisitor(server);
      visitor.send('is anyone there?');
      await waitFor(() => visitor.items()[0]?.state === 'sent', 'the visitor message');
      const conversationId = visitor.conversation!.id;
      const ownerClient = await connectAgent(server);
      expect((await ownerClient.assign(conversationId, mei.id)).assigneeId).toBe(mei.id);

      expect(await codeOf(updateAgent(server.url, ownerId, { active: false }, owner))).toBe('FORBIDDEN');
      const after = await updateAgent(server.url, mei.id, { active: false }, owner);
      expect(after).toMatchObject({ id: mei.id, active: false });
      await waitFor(() => meiClient.state === 'failed', "Mei's socket to close");
      expect(await currentAgent(server.url, meiHeaders)).toBeNull();
      expect(await codeOf(signIn(server.url, mei.email, mei.password))).toBe('ACCOUNT_DISABLED');
      // A wrong password still says only that.
      expect(await codeOf(signIn(server.url, mei.email, 'wrong-password'))).toBe('INVALID_CREDENTIALS');
      await waitFor(() => changes.some((c) => c.agents), 'workspace.changed { agents }');
      const unassigned = await ownerClient.listConversations({ view: 'unassigned' });
      expect(unassigned.conversations.find((c) => c.id === conversationId)?.assigneeId).toBeNull();
      visitor.close();
      ownerClient.close();

      await updateAgent(server.url, mei.id, { active: true, maxChats: 3, name: 'Mei Lin' }, owner);
      expect((await signIn(server.url, mei.email, mei.password)).agent.name).toBe('Mei Lin');
      expect((await listAgentAccounts(server.url, owner)).find((a) => a.id === mei.id)).toMatchObject({ active: true, maxChats: 3 });
      watcher.close();
    });

    it('keeps an active owner: the last one can be neither demoted nor deactivated; only owners grant or take away owner', async () => {
      const admin = await addAgent(server, workspaceId, 'admin');
      const adminHeaders = { cookie: (await signIn(server.url, admin.email, admin.password)).cookie! };
      expect(await codeOf(updateAgent(server.url, ownerId, { role: 'admin' }, owner))).toBe('CONFLICT');
      expect(await codeOf(updateAgent(server.url, admin.id, { role: 'owner' }, adminHeaders))).toBe('FORBIDDEN');
      expect(await codeOf(updateAgent(server.url, ownerId, { maxChats: 2 }, adminHeaders))).toBe('FORBIDDEN');

      await updateAgent(server.url, admin.id, { role: 'owner' }, owner);
      // Now two: one may step down (here, the first owner demotes themselves), then the other is the last.
      await updateAgent(server.url, ownerId, { role: 'admin' }, owner);
      const newOwner = { cookie: (await signIn(server.url, admin.email, admin.password)).cookie! };
      expect(await codeOf(updateAgent(server.url, admin.id, { role: 'agent' }, newOwner))).toBe('CONFLICT');
      expect(await codeOf(updateAgent(server.url, ownerId, { role: 'owner' }, owner))).toBe('FORBIDDEN');
      await updateAgent(server.url, ownerId, { role: 'owner' }, newOwner);
      const owners = (await listAgentAccounts(server.url, owner)).filter((a: AgentAccount) => a.role === 'owner').map((a) => a.id);
      expect(owners.sort()).toEqual([ownerId, admin.id].sort());
    });

    it('resets a password: the old one and every session of that agent stop working; admins cannot reset an owner\'s', async () => {
      const lei = await addAgent(server, workspaceId, 'agent', 'Lei');
      const leiClient = await connectAgent(server, lei);
      const leiHeaders = { cookie: (await signIn(server.url, lei.email, lei.password)).cookie! };
      await resetAgentPassword(server.url, lei.id, 'lei-new-password', owner);
      await waitFor(() => leiClient.state === 'failed', "Lei's socket to close");
      expect(await currentAgent(server.url, leiHeaders)).toBeNull();
      expect(await codeOf(signIn(server.url, lei.email, lei.password))).toBe('INVALID_CREDENTIALS');
      expect((await signIn(server.url, lei.email, 'lei-new-password')).agent.id).toBe(lei.id);

      const admin = await addAgent(server, workspaceId, 'admin');
      const adminHeaders = { cookie: (await signIn(server.url, admin.email, admin.password)).cookie! };
      expect(await codeOf(resetAgentPassword(server.url, ownerId, 'taken-over-password', adminHeaders))).toBe('FORBIDDEN');
      expect((await signIn(server.url, ADMIN.email, ADMIN.password)).agent.id).toBe(ownerId);
    });
  });
}
