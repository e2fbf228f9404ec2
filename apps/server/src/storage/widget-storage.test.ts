import path from 'node:path';
import { Migrator } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationsRepo } from '../conversations/repo.js';
import { ConversationsService } from '../conversations/service.js';
import { hashSecret, newId } from '../ids.js';
import { MessagesRepo } from '../messages/repo.js';
import { MessagesService } from '../messages/service.js';
import { PageViewsRepo } from '../page-views/repo.js';
import { PAGE_VIEWS_KEPT, PageViewsService } from '../page-views/service.js';
import { SitesRepo, type Site } from '../sites/repo.js';
import { WIDGET_DEFAULTS, widgetConfig } from '../sites/settings.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../test-support/databases.js';
import { identityHash } from '../visitors/identity.js';
import { VisitorsRepo } from '../visitors/repo.js';
import { VisitorsService } from '../visitors/service.js';
import { openStorage, type Storage } from './connect.js';
import { MIGRATIONS } from './migrations/index.js';
import { connectPostgres } from './postgres/connect.js';
import { connectSqlite } from './sqlite/connect.js';

for (const dialect of DIALECTS) {
  describe(`widget storage on ${dialect}`, () => {
    let testDb: TestDatabase;
    let storage: Storage;
    let sites: SitesRepo;
    let visitors: VisitorsService;
    let site: Site;

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      // Migrate to just before 0004 with a site in place, as an upgraded install would be.
      const early = testDb.databaseUrl ? connectPostgres(testDb.databaseUrl) : connectSqlite(path.join(testDb.dataDir, 'kefu.db')).db;
      const migrator = new Migrator({ db: early, provider: { getMigrations: async () => MIGRATIONS } });
      const { error } = await migrator.migrateTo('0003_one_open_conversation');
      if (error) throw error;
      await early.insertInto('workspaces').values({ id: 'ws-old', name: 'Old', created_at: 1 }).execute();
      for (const id of ['site-old-1', 'site-old-2']) {
        await early.insertInto('sites').values({ id, workspace_id: 'ws-old', public_key: `key-${id}`, name: id, allowed_origins: '[]', created_at: 1 } as never).execute();
      }
      await early.destroy();

      storage = await openStorage(testDb);
      sites = new SitesRepo(storage.db);
      visitors = new VisitorsService(new VisitorsRepo(storage.db));
      site = await sites.create({ id: newId(), workspaceId: 'ws-old', publicKey: `key-${newId()}`, name: 'Demo site', allowedOrigins: [] });
      await storage.db.insertInto('agents').values({ id: newId(), workspace_id: 'ws-old', email: 'a@example.com', name: 'Ann Agent', password_hash: 'x', role: 'owner', created_at: 1 }).execute();
    });

    afterAll(async () => {
      await storage?.close();
      await testDb?.drop();
    });

    it('gives sites that existed before 0004 default settings and secrets of their own', async () => {
      const [a, b] = await Promise.all([sites.byId('site-old-1'), sites.byId('site-old-2')]);
      expect(a!.settings).toEqual(WIDGET_DEFAULTS);
      expect(a!.identityEnforced).toBe(false);
      expect(a!.identitySecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(b!.identitySecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(a!.identitySecret).not.toBe(b!.identitySecret);
      expect((await sites.ofWorkspace('ws-old')).map((s) => s.id)).toEqual(expect.arrayContaining(['site-old-1', 'site-old-2', site.id]));
      const columns = await storage.db.selectFrom('visitors').select(['user_id', 'email', 'phone', 'attributes']).execute();
      expect(columns).toEqual([]);
    });

    it('creates sites with a secret, merges setting changes and rotates the secret', async () => {
      expect(site.identitySecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(widgetConfig(site)).toEqual({ siteName: 'Demo site', ...WIDGET_DEFAULTS });
      // Two admins saving different fields at once both keep their change.
      await Promise.all([
        sites.update(site.id, { settings: { color: '#ff0000' } }),
        sites.update(site.id, { settings: { greeting: 'Hi!' }, name: 'Shop' }),
        sites.update(site.id, { settings: { businessHours: { timeZone: 'Asia/Shanghai', spans: [{ day: 1, from: '09:00', to: '18:00' }] } } }),
      ]);
      const after = (await sites.byId(site.id))!;
      expect(after.name).toBe('Shop');
      expect(after.settings).toMatchObject({ color: '#ff0000', greeting: 'Hi!', position: 'right', businessHours: { timeZone: 'Asia/Shanghai' } });
      await sites.update(site.id, { identityEnforced: true, allowedOrigins: ['https://shop.example.com'] });
      const enforced = (await sites.byId(site.id))!;
      expect(enforced).toMatchObject({ identityEnforced: true, allowedOrigins: ['https://shop.example.com'] });
      await sites.update(site.id, { identityEnforced: false });
      const secret = await sites.rotateSecret(site.id);
      expect(secret).not.toBe(site.identitySecret);
      expect((await sites.byId(site.id))!.identitySecret).toBe(secret);
      expect(await sites.rotateSecret('no-such-site')).toBeNull();
      site = (await sites.byId(site.id))!;
    });

    const verified = (userId: string, extra: { name?: string; email?: string } = {}) => ({ userId, hash: identityHash(site.identitySecret!, userId), ...extra });

    it('adopts the anonymous visitor at the first verified identify, so the pre-login chat carries over', async () => {
      const anon = await visitors.recognise(site, undefined, undefined);
      expect(anon.visitor.user_id).toBeNull();
      const same = await visitors.recognise(site, anon.token, verified('adopt-1', { name: 'Li Lei', email: 'lei@example.com' }));
      expect(same).toMatchObject({ token: anon.token, verified: true, changed: true, nameChanged: true });
      expect(same.visitor).toMatchObject({ id: anon.visitor.id, user_id: 'adopt-1', name: 'Li Lei', email: 'lei@example.com' });
      // Again, nothing new to say.
      const again = await visitors.recognise(site, anon.token, verified('adopt-1', { name: 'Li Lei' }));
      expect(again).toMatchObject({ token: anon.token, changed: false });
      // Adopted without a name or email: still a change (the verified user id).
      const quiet = await visitors.recognise(site, (await visitors.recognise(site, undefined, undefined)).token, verified('adopt-2'));
      expect(quiet).toMatchObject({ changed: true, nameChanged: false, visitor: { user_id: 'adopt-2' } });
    });

    it("joins another device to the user's visitor with a token of its own; the old token then needs the hash", async () => {
      const first = await visitors.recognise(site, undefined, verified('devices-1'));
      const otherDevice = await visitors.recognise(site, undefined, undefined);
      const joined = await visitors.recognise(site, otherDevice.token, verified('devices-1'));
      expect(joined.visitor.id).toBe(first.visitor.id);
      expect(joined.token).not.toBe(otherDevice.token);
      expect(joined.token).not.toBe(first.token);
      // The first device's token is gone, but its valid hash brings it back to the same visitor.
      await expect(visitors.recognise(site, first.token, undefined)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      const back = await visitors.recognise(site, first.token, verified('devices-1'));
      expect(back.visitor.id).toBe(first.visitor.id);
    });

    it("never lets an identified visitor's token stand in for the hash, nor an unverified claim link anything", async () => {
      const user = await visitors.recognise(site, undefined, verified('guarded-1'));
      const noIdentity = await visitors.recognise(site, user.token, undefined);
      expect(noIdentity.visitor.id).not.toBe(user.visitor.id);
      expect(noIdentity.visitor.user_id).toBeNull();
      const forged = await visitors.recognise(site, user.token, { userId: 'guarded-1', hash: '0'.repeat(64), name: 'Mallory', email: 'mallory@example.com' });
      expect(forged).toMatchObject({ verified: false, visitor: { user_id: null, name: 'Mallory', email: 'mallory@example.com' } });
      expect(forged.visitor.id).not.toBe(user.visitor.id);
      const borrowed = await visitors.recognise(site, noIdentity.token, { userId: 'guarded-1', hash: identityHash(site.identitySecret!, 'someone-else') });
      expect(borrowed).toMatchObject({ verified: false, token: noIdentity.token, visitor: { id: noIdentity.visitor.id, user_id: null } });
      // Another user's valid hash on this device: their visitor, never this one.
      const other = await visitors.recognise(site, user.token, verified('guarded-2'));
      expect(other.visitor).toMatchObject({ user_id: 'guarded-2' });
      expect(other.visitor.id).not.toBe(user.visitor.id);
      const rows = await storage.db.selectFrom('visitors').select('id').where('user_id', '=', 'guarded-1').execute();
      expect(rows.map((r) => r.id)).toEqual([user.visitor.id]);
    });

    it('refuses unverified identities in enforce mode but serves anonymous visitors', async () => {
      const enforced = { ...site, identityEnforced: true };
      await expect(visitors.recognise(enforced, undefined, { userId: 'enforced-1' })).rejects.toMatchObject({ code: 'IDENTITY_REJECTED' });
      await expect(visitors.recognise(enforced, undefined, { userId: 'enforced-1', hash: 'abc' })).rejects.toMatchObject({ code: 'IDENTITY_REJECTED' });
      expect((await visitors.recognise(enforced, undefined, undefined)).visitor.user_id).toBeNull();
      expect((await visitors.recognise(enforced, undefined, verified('enforced-1'))).visitor.user_id).toBe('enforced-1');
      // A site without a secret verifies nothing.
      await expect(visitors.recognise({ ...enforced, identitySecret: null }, undefined, verified('enforced-1'))).rejects.toMatchObject({ code: 'IDENTITY_REJECTED' });
    });

    it('settles devices racing to identify one new user on one visitor', async () => {
      const anons = await Promise.all(Array.from({ length: 4 }, () => visitors.recognise(site, undefined, undefined)));
      const results = await Promise.all([
        ...anons.map((a) => visitors.recognise(site, a.token, verified('racer-1'))),
        ...Array.from({ length: 4 }, () => visitors.recognise(site, undefined, verified('racer-1'))),
      ]);
      expect(new Set(results.map((r) => r.visitor.id)).size).toBe(1);
      const rows = await storage.db.selectFrom('visitors').select('id').where('user_id', '=', 'racer-1').execute();
      expect(rows).toHaveLength(1);
    });

    it('keeps user ids unique per site only', async () => {
      const row = (siteId: string, userId: string | null) => ({ id: newId(), site_id: siteId, token_hash: hashSecret(newId()), name: null, user_id: userId, created_at: 1, last_seen_at: 1 });
      await storage.db.insertInto('visitors').values([row(site.id, null), row(site.id, null), row('site-old-1', 'unique-1'), row(site.id, 'unique-1')]).execute();
      await expect(storage.db.insertInto('visitors').values(row(site.id, 'unique-1')).execute()).rejects.toThrow();
    });

    it('merges attributes (null removes), keeps concurrent merges, and refuses too many keys without saving', async () => {
      const { visitor } = await visitors.recognise(site, undefined, undefined);
      // As a socket payload arrives: "__proto__" is a key like any other.
      await visitors.updateProfile(visitor.id, { name: 'Ann', attributes: JSON.parse('{"plan":"pro","seats":3,"__proto__":"x"}') as Record<string, string> });
      await Promise.all(Array.from({ length: 10 }, (_, i) => visitors.updateProfile(visitor.id, { attributes: { [`k${i}`]: i } })));
      const merged = await visitors.updateProfile(visitor.id, { phone: '+86 138 0000 0000', attributes: { plan: null, trial: true } });
      expect(merged.profile).toMatchObject({ name: 'Ann', phone: '+86 138 0000 0000', email: null, userId: null });
      expect(Object.keys(merged.profile.attributes).sort()).toEqual(['__proto__', 'k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9', 'seats', 'trial']);
      const tooMany = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`extra${i}`, i]));
      await expect(visitors.updateProfile(visitor.id, { name: 'Changed', attributes: tooMany })).rejects.toMatchObject({ code: 'BAD_REQUEST', path: 'attributes' });
      expect(await visitors.profile(visitor.id)).toEqual(merged.profile);
      expect((await visitors.updateProfile(visitor.id, { name: 'Ann' })).changed).toBe(false);
    });

    it("keeps a visitor's newest page views only", async () => {
      const { visitor } = await visitors.recognise(site, undefined, undefined);
      const pageViews = new PageViewsService(new PageViewsRepo(storage.db), pino({ level: 'silent' }), () => 1);
      const total = PAGE_VIEWS_KEPT + 30;
      for (let i = 0; i < total; i++) {
        await pageViews.record({ visitorId: visitor.id, siteId: site.id }, { url: `https://shop.example.com/p/${i}`, title: `Page ${i}`, referrer: i === 0 ? '' : null, at: i });
      }
      expect(await pageViews.recent(visitor.id, 1000)).toHaveLength(total);
      expect(await new PageViewsRepo(storage.db).prune(visitor.id, PAGE_VIEWS_KEPT)).toBe(30);
      const kept = await pageViews.recent(visitor.id, 1000);
      expect(kept).toHaveLength(PAGE_VIEWS_KEPT);
      expect(kept[0]).toEqual({ url: `https://shop.example.com/p/${total - 1}`, title: `Page ${total - 1}`, referrer: null, at: total - 1 });
      await expect(pageViews.record({ visitorId: visitor.id, siteId: site.id }, { url: 'javascript:alert(1)', title: '', referrer: null, at: 1 })).rejects.toMatchObject({ code: 'BAD_REQUEST', path: 'url' });
    });

    it("shows agents' messages under the site's agent display name when it has one", async () => {
      const { visitor } = await visitors.recognise(site, undefined, undefined);
      const conversations = new ConversationsService(new ConversationsRepo(storage.db));
      const messages = new MessagesService(new MessagesRepo(storage.db), storage, pino({ level: 'silent' }));
      const { conversation } = await conversations.openFor({ visitorId: visitor.id, siteId: site.id, workspaceId: (await sites.byId(site.id))!.workspaceId });
      const agent = await storage.db.selectFrom('agents').select(['id', 'name']).executeTakeFirstOrThrow();
      const reply = await messages.send({ conversationId: conversation.id, clientMsgId: 'display-0001', senderType: 'agent', senderId: agent.id, body: 'hello' });
      expect(reply.message.senderName).toBe(agent.name);
      await sites.update(site.id, { settings: { agentDisplayName: 'Clay & Co. support' } });
      const page = await messages.page(conversation.id, 0, 10);
      expect(page.messages[0]!.senderName).toBe('Clay & Co. support');
      // The batched hot path names agents the same way.
      const workspaceId = (await sites.byId(site.id))!.workspaceId;
      const batched = await messages.write({ conversationId: conversation.id, clientMsgId: 'display-0003', senderType: 'agent', senderId: agent.id, agentName: agent.name, body: 'again', allowed: { workspaceId } });
      expect(batched.message.senderName).toBe('Clay & Co. support');
      const own = await messages.send({ conversationId: conversation.id, clientMsgId: 'display-0002', senderType: 'visitor', senderId: visitor.id, body: 'hi' });
      expect(own.message.senderName).toBeNull();
      await sites.update(site.id, { settings: { agentDisplayName: null } });
    });
  });
}
