import { createCannedReply, deleteCannedReply, listCannedReplies, signIn, updateCannedReply, type CannedReply } from '@kefu/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, rawAgentSocket } from '../test-support/clients.js';
import { DIALECTS } from '../test-support/databases.js';
import { ADMIN, startServer, type TestServer } from '../test-support/server.js';
import { waitFor } from '../test-support/wait.js';
import { addAgent, addWorkspace, firstWorkspaceId, type Credentials } from '../test-support/workspaces.js';

for (const dialect of DIALECTS) {
  describe(`canned replies (${dialect})`, () => {
    let server: TestServer;
    const headers: Record<string, Record<string, string>> = {};
    const creds: Record<string, Credentials> = {};
    beforeAll(async () => {
      server = await startServer({ dialect });
      const workspaceId = await firstWorkspaceId(server);
      creds.owner = ADMIN;
      creds.admin = await addAgent(server, workspaceId, 'admin');
      creds.mei = await addAgent(server, workspaceId, 'agent');
      creds.lei = await addAgent(server, workspaceId, 'agent');
      creds.stranger = (await addWorkspace(server)).owner;
      for (const [who, c] of Object.entries(creds)) headers[who] = { cookie: (await signIn(server.url, c.email, c.password)).cookie! };
    });
    afterAll(() => server?.close());

    const list = (who: string) => listCannedReplies(server.url, headers[who]);
    const shortcuts = async (who: string) => (await list(who)).map((r) => `${r.scope}:${r.shortcut}`);

    it('lists the shared replies and the caller\'s personal ones, by shortcut', async () => {
      const hello = await createCannedReply(server.url, { shortcut: 'Hello', body: 'Hello! How can I help?', scope: 'shared' }, headers.mei);
      expect(hello).toMatchObject({ shortcut: 'hello', scope: 'shared', body: 'Hello! How can I help?' });
      await createCannedReply(server.url, { shortcut: 'bye', body: 'Bye from Mei', scope: 'personal' }, headers.mei);
      await createCannedReply(server.url, { shortcut: 'bye', body: 'Bye from Lei', scope: 'personal' }, headers.lei);
      await createCannedReply(server.url, { shortcut: 'bye', body: 'Goodbye!', scope: 'shared' }, headers.lei);
      expect(await shortcuts('mei')).toEqual(['shared:bye', 'personal:bye', 'shared:hello']);
      expect((await list('lei')).filter((r) => r.scope === 'personal').map((r) => r.body)).toEqual(['Bye from Lei']);
      expect(await shortcuts('owner')).toEqual(['shared:bye', 'shared:hello']);
      expect(await shortcuts('stranger')).toEqual([]);
    });

    it('refuses a shortcut taken in its scope, and bad input, keeping what was there', async () => {
      await expect(createCannedReply(server.url, { shortcut: 'hello', body: 'Again', scope: 'shared' }, headers.lei)).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(createCannedReply(server.url, { shortcut: 'bye', body: 'Again', scope: 'personal' }, headers.mei)).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(createCannedReply(server.url, { shortcut: 'has space', body: 'x', scope: 'shared' }, headers.mei)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(createCannedReply(server.url, { shortcut: 'blank', body: '   ', scope: 'shared' }, headers.mei)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(createCannedReply(server.url, { shortcut: 'hi', body: 'x', scope: 'team' as 'shared' }, headers.mei)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(listCannedReplies(server.url)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      const hello = (await list('mei')).find((r) => r.shortcut === 'hello')!;
      await expect(updateCannedReply(server.url, hello.id, { shortcut: 'bye' }, headers.mei)).rejects.toMatchObject({ code: 'CONFLICT' });
      expect((await list('mei')).find((r) => r.id === hello.id)?.shortcut).toBe('hello');
    });

    it('lets the author, owners and admins change a shared reply, and no other agent', async () => {
      const reply = await createCannedReply(server.url, { shortcut: 'hours', body: 'We open at 9.', scope: 'shared' }, headers.mei);
      expect(await updateCannedReply(server.url, reply.id, { body: 'We open at 8.' }, headers.mei)).toMatchObject({ body: 'We open at 8.' });
      expect(await updateCannedReply(server.url, reply.id, { body: 'We open at 10.' }, headers.admin)).toMatchObject({ body: 'We open at 10.', ownerId: reply.ownerId });
      expect(await updateCannedReply(server.url, reply.id, { body: 'We open at 7.' }, headers.owner)).toMatchObject({ body: 'We open at 7.' });
      await expect(updateCannedReply(server.url, reply.id, { body: 'Hijacked' }, headers.lei)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(deleteCannedReply(server.url, reply.id, headers.lei)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      // Only the author may hide it from everyone.
      await expect(updateCannedReply(server.url, reply.id, { scope: 'personal' }, headers.admin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(updateCannedReply(server.url, reply.id, { body: 'x' }, headers.stranger)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(deleteCannedReply(server.url, reply.id, headers.stranger)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await list('lei')).find((r) => r.id === reply.id)?.body).toBe('We open at 7.');
      await deleteCannedReply(server.url, reply.id, headers.admin);
      expect((await list('mei')).find((r) => r.id === reply.id)).toBeUndefined();
    });

    it('keeps a personal reply its owner\'s alone, even from owners', async () => {
      const mine = (await list('mei')).find((r) => r.scope === 'personal')!;
      for (const who of ['lei', 'owner', 'admin', 'stranger']) {
        await expect(updateCannedReply(server.url, mine.id, { body: 'x' }, headers[who])).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(deleteCannedReply(server.url, mine.id, headers[who])).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }
      const shared: CannedReply = await updateCannedReply(server.url, mine.id, { scope: 'shared', shortcut: 'see-you' }, headers.mei);
      expect(shared).toMatchObject({ scope: 'shared', shortcut: 'see-you' });
      expect(await shortcuts('lei')).toContain('shared:see-you');
      await deleteCannedReply(server.url, mine.id, headers.mei);
      await expect(deleteCannedReply(server.url, mine.id, headers.mei)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('tells the workspace of shared changes and only the owner of personal ones', async () => {
      const [mei, lei, stranger] = await Promise.all([rawAgentSocket(server, creds.mei), rawAgentSocket(server, creds.lei), rawAgentSocket(server, creds.stranger)]);
      const seen = { mei: collect(mei, 'canned.changed'), lei: collect(lei, 'canned.changed'), stranger: collect(stranger, 'canned.changed') };
      await createCannedReply(server.url, { shortcut: 'note-to-self', body: 'Mine', scope: 'personal' }, headers.mei);
      await waitFor(() => seen.mei.length === 1, 'the owner told');
      await createCannedReply(server.url, { shortcut: 'thanks', body: 'Thank you!', scope: 'shared' }, headers.mei);
      await waitFor(() => seen.mei.length === 2 && seen.lei.length === 1, 'everyone told');
      // The personal change reached nobody else: Lei heard only the shared one.
      expect(seen.lei).toHaveLength(1);
      expect(seen.stranger).toHaveLength(0);
      for (const s of [mei, lei, stranger]) s.close();
    });
  });
}
