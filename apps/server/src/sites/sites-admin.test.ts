import { createSite, KefuError, rotateIdentitySecret, signIn, updateSite, type VisitorClient } from '@kefu/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, connectVisitor, rawAgentSocket } from '../test-support/clients.js';
import { DIALECTS } from '../test-support/databases.js';
import { ADMIN, startServer, type TestServer } from '../test-support/server.js';
import { waitFor } from '../test-support/wait.js';
import { identityHash } from '../visitors/identity.js';

const codeOf = (promise: Promise<unknown>) => promise.then(() => 'ok', (err: unknown) => (err instanceof KefuError ? err.code : String(err)));

/** A visitor refused for good, with the code its reconnect got. */
async function refusedWith(client: VisitorClient): Promise<string | undefined> {
  await waitFor(() => client.state === 'failed' && client.lastError !== null, 'the visitor to be refused');
  return client.lastError?.code;
}

for (const dialect of DIALECTS) {
  describe(`sites: creating them, and admin changes that take effect on open widgets (${dialect})`, () => {
    let server: TestServer;
    let owner: Record<string, string>;

    beforeAll(async () => {
      server = await startServer({ dialect });
      owner = { cookie: (await signIn(server.url, ADMIN.email, ADMIN.password)).cookie! };
    });
    afterAll(() => server?.close());

    it('creates a site with its own key, identity secret and local origins; its widget connects', async () => {
      const watcher = await rawAgentSocket(server);
      const changes = collect<{ sites?: true }>(watcher, 'workspace.changed');
      const site = await createSite(server.url, { name: '  Blog ' }, owner);
      expect(site).toMatchObject({ name: 'Blog', allowedOrigins: ['http://localhost:*', 'http://127.0.0.1:*'], identityEnforced: false, routing: { mode: 'manual' } });
      expect(site.publicKey).toMatch(/^site_[A-Za-z0-9_-]{12}$/);
      expect(site.publicKey).not.toBe(server.siteKey);
      expect(site.identitySecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await waitFor(() => changes.some((c) => c.sites), 'workspace.changed { sites }');
      const visitor = await connectVisitor({ url: server.url, siteKey: site.publicKey });
      expect(visitor.state).toBe('ready');
      expect(await codeOf(createSite(server.url, { name: 'Bad', allowedOrigins: ['shop.example.com'] }, owner))).toBe('BAD_REQUEST');
      expect((await createSite(server.url, { name: 'Shop', allowedOrigins: ['https://shop.example.com'] }, owner)).allowedOrigins).toEqual(['https://shop.example.com']);
      visitor.close();
      watcher.close();
    });

    it('drops open widgets whose origin an admin removed; they reconnect and are refused; allowed ones stay', async () => {
      const site = await createSite(server.url, { name: 'Origins' }, owner);
      const keySite = { url: server.url, siteKey: site.publicKey };
      const fromLocalhost = await connectVisitor(keySite);
      const from127 = await connectVisitor(keySite, { extraHeaders: { origin: 'http://127.0.0.1:3000' } });
      expect([fromLocalhost.state, from127.state]).toEqual(['ready', 'ready']);
      const kept: string[] = [];
      from127.on('state', (state) => kept.push(state));
      await updateSite(server.url, site.id, { allowedOrigins: ['http://127.0.0.1:*'] }, owner);
      expect(await refusedWith(fromLocalhost)).toBe('ORIGIN_NOT_ALLOWED');
      expect(from127.state).toBe('ready');
      // Widening tells nobody to leave.
      await updateSite(server.url, site.id, { allowedOrigins: ['http://127.0.0.1:*', 'https://shop.example.com'] }, owner);
      await updateSite(server.url, site.id, { allowedOrigins: ['https://shop.example.com'] }, owner);
      expect(await refusedWith(from127)).toBe('ORIGIN_NOT_ALLOWED');
      // It went straight from ready to refused: the widening before did not drop it.
      expect(kept).toEqual(['reconnecting', 'failed']);
      for (const c of [fromLocalhost, from127]) c.close();
    });

    it('turning enforce mode on drops unverified identities (refused on reconnect); verified and anonymous visitors stay; a rotated secret drops the old hashes', async () => {
      const site = await createSite(server.url, { name: 'Identity' }, owner);
      const keySite = { url: server.url, siteKey: site.publicKey };
      const anonymous = await connectVisitor(keySite);
      const unverified = await connectVisitor(keySite, { identity: { userId: 'user-1', hash: 'f'.repeat(64) } });
      const verified = await connectVisitor(keySite, { identity: { userId: 'user-2', hash: identityHash(site.identitySecret!, 'user-2') } });
      expect([anonymous.state, unverified.state, verified.state]).toEqual(['ready', 'ready', 'ready']);

      await updateSite(server.url, site.id, { identityEnforced: true }, owner);
      expect(await refusedWith(unverified)).toBe('IDENTITY_REJECTED');
      expect([anonymous.state, verified.state]).toEqual(['ready', 'ready']);

      await rotateIdentitySecret(server.url, site.id, owner);
      expect(await refusedWith(verified)).toBe('IDENTITY_REJECTED');
      expect(anonymous.state).toBe('ready');
      for (const c of [anonymous, unverified, verified]) c.close();
    });
  });
}
