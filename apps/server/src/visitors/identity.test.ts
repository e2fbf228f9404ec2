import { memoryStorage, type Message, type VisitorProfile, type VisitorSession, type VisitorUpdated } from '@kefu/client';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, collect, connectAgent, connectVisitor, rawAgentSocket, rawVisitorSocket } from '../test-support/clients.js';
import { DIALECTS } from '../test-support/databases.js';
import { startServer, type TestServer } from '../test-support/server.js';
import { waitFor } from '../test-support/wait.js';
import { identityHash } from './identity.js';

type Hello = { ok: true; data: VisitorSession };

for (const dialect of DIALECTS) {
  describe(`identity verification in the visitor handshake (${dialect})`, () => {
    let server: TestServer;
    let secret: string;
    const sign = (userId: string) => identityHash(secret, userId);
    const opened: Socket[] = [];
    const raw = async (auth: Record<string, unknown> = {}) => {
      const socket = await rawVisitorSocket(server, auth);
      opened.push(socket);
      return socket;
    };
    const hello = async (socket: Socket) => (await ask<Hello>(socket, 'session.hello', {})).data;
    const visitorsOf = (userId: string) => server.app.kefu.storage.db.selectFrom('visitors').select('id').where('user_id', '=', userId).execute();
    const setEnforced = async (identityEnforced: boolean) => {
      const site = (await server.app.kefu.sites.byKey(server.siteKey))!;
      await server.app.kefu.sites.update(site.id, { identityEnforced });
    };

    beforeAll(async () => {
      server = await startServer({ dialect });
      secret = (await server.app.kefu.sites.byKey(server.siteKey))!.identitySecret!;
    });
    afterAll(async () => {
      for (const socket of opened) socket.close();
      await server?.close();
    });

    it('links a valid hash: the anonymous chat before login carries over, and hello says who they are', async () => {
      const anon = await raw();
      const first = await hello(anon);
      expect(first.profile).toEqual({ name: null, email: null, phone: null, userId: null, attributes: {} });
      const sent = await ask<{ ok: true; data: Message }>(anon, 'message.send', { clientMsgId: 'identity-0001', body: 'before login' });
      const agent = await connectAgent(server);
      const agentSocket = await rawAgentSocket(server);
      opened.push(agentSocket);
      const updates = collect<VisitorUpdated>(agentSocket, 'visitor.updated');

      const identified = await raw({ visitorToken: first.visitorToken, identity: { userId: 'u-1', hash: sign('u-1'), name: 'Li Lei', email: 'Lei@Example.com' } });
      const session = await hello(identified);
      expect(session.visitorId).toBe(first.visitorId);
      expect(session.visitorToken).toBe(first.visitorToken);
      expect(session.conversation?.id).toBe(sent.data.conversationId);
      expect(session.profile).toEqual({ name: 'Li Lei', email: 'lei@example.com', phone: null, userId: 'u-1', attributes: {} });
      expect(session.site).toMatchObject({ siteName: 'Demo site', color: '#2563eb', position: 'right', locale: 'auto', preChat: [] });
      expect(session.agentsOnline).toBe(true);
      await waitFor(() => updates.find((u) => u.visitorId === first.visitorId && u.profile.userId === 'u-1'), 'agents to hear of the identify');
      const inbox = await agent.listConversations();
      expect(inbox.conversations.find((c) => c.id === sent.data.conversationId)?.visitorName).toBe('Li Lei');
      agent.close();
    });

    it('gives the same verified user on two devices the same conversation', async () => {
      const identity = { userId: 'u-2', hash: sign('u-2') };
      const desktop = await connectVisitor(server, { storage: memoryStorage(), identity });
      desktop.send('from my desktop');
      await waitFor(() => desktop.items()[0]?.state === 'sent', 'the desktop message');
      const phone = await connectVisitor(server, { storage: memoryStorage(), identity });
      expect(phone.visitorId).toBe(desktop.visitorId);
      expect(phone.profile?.userId).toBe('u-2');
      await waitFor(() => phone.items().some((i) => i.body === 'from my desktop'), 'the phone to show the conversation');
      phone.send('from my phone');
      await waitFor(() => desktop.items().some((i) => i.body === 'from my phone'), 'the desktop to get the phone message');
      expect(await visitorsOf('u-2')).toHaveLength(1);
      desktop.close();
      phone.close();
    });

    it("links nothing for a forged hash, another user's hash or no hash; the name and email stay unverified", async () => {
      const owner = await raw({ identity: { userId: 'u-3', hash: sign('u-3') } });
      const mine = await ask<{ ok: true; data: Message }>(owner, 'message.send', { clientMsgId: 'identity-0003', body: 'private' });
      for (const hash of ['0'.repeat(64), sign('u-4'), undefined]) {
        const intruder = await raw({ identity: { userId: 'u-3', ...(hash ? { hash } : {}), name: 'Mallory', email: 'mallory@example.com' } });
        const session = await hello(intruder);
        expect(session.conversation).toBeNull();
        expect(session.profile).toMatchObject({ userId: null, name: 'Mallory', email: 'mallory@example.com' });
        expect(await ask(intruder, 'messages.sync', { conversationId: mine.data.conversationId, afterSeq: 0 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      }
      expect(await visitorsOf('u-3')).toHaveLength(1);
      expect(await visitorsOf('u-4')).toHaveLength(0);
    });

    it("does not let the device's token stand in for a valid hash", async () => {
      const user = await raw({ identity: { userId: 'u-5', hash: sign('u-5') } });
      const session = await hello(user);
      await ask(user, 'message.send', { clientMsgId: 'identity-0005', body: 'mine' });
      // Signed out of the site without Kefu('shutdown'), or someone else on the same browser.
      const next = await raw({ visitorToken: session.visitorToken });
      const after = await hello(next);
      expect(after.visitorId).not.toBe(session.visitorId);
      expect(after.conversation).toBeNull();
      expect(after.profile.userId).toBeNull();
    });

    it('never links a typed email to anyone', async () => {
      const user = await raw({ identity: { userId: 'u-6', hash: sign('u-6'), email: 'owner@example.com' } });
      const mine = await ask<{ ok: true; data: Message }>(user, 'message.send', { clientMsgId: 'identity-0006', body: 'secret order' });
      const stranger = await raw();
      const typed = await ask<{ ok: true; data: VisitorProfile }>(stranger, 'visitor.update', { email: 'owner@example.com', name: 'Owner' });
      expect(typed.data).toMatchObject({ email: 'owner@example.com', userId: null });
      const session = await hello(stranger);
      expect(session.conversation).toBeNull();
      expect(await ask(stranger, 'messages.sync', { conversationId: mine.data.conversationId, afterSeq: 0 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      // Coming back with that email as an unverified identity links nothing either.
      const claim = await raw({ visitorToken: session.visitorToken, identity: { userId: 'u-6', email: 'owner@example.com' } });
      expect((await hello(claim)).visitorId).toBe(session.visitorId);
      expect(await visitorsOf('u-6')).toHaveLength(1);
    });

    it('refuses unverified identities in enforce mode with IDENTITY_REJECTED, and serves verified and anonymous visitors', async () => {
      await setEnforced(true);
      try {
        for (const identity of [{ userId: 'u-7' }, { userId: 'u-7', hash: sign('u-8') }, { userId: 'u-7', hash: 'zz' }]) {
          const refused = await rawVisitorSocket(server, { identity }).catch((e: { data?: { code: string; message: string } }) => e);
          expect((refused as { data: { code: string } }).data.code).toBe('IDENTITY_REJECTED');
        }
        const client = await connectVisitor(server, { identity: { userId: 'u-7', hash: 'forged' } });
        expect(client.state).toBe('failed');
        expect(client.lastError?.code).toBe('IDENTITY_REJECTED');
        expect(await visitorsOf('u-7')).toHaveLength(0);
        expect((await hello(await raw({ identity: { userId: 'u-7', hash: sign('u-7') } }))).profile.userId).toBe('u-7');
        expect((await hello(await raw())).profile.userId).toBeNull();
      } finally {
        await setEnforced(false);
      }
    });

    it('refuses a malformed identity with BAD_REQUEST naming the field', async () => {
      const err = await rawVisitorSocket(server, { identity: { userId: '' } }).catch((e: { data?: { code: string; path?: string } }) => e);
      expect((err as { data: { code: string; path: string } }).data).toMatchObject({ code: 'BAD_REQUEST', path: 'identity.userId' });
    });
  });
}
