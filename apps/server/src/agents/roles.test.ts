import type { AckResult, Team } from '@kefu/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, connectVisitor, rawAgentSocket } from '../test-support/clients.js';
import { ADMIN, startServer, type TestServer } from '../test-support/server.js';
import { waitFor } from '../test-support/wait.js';
import { addAgent, addWorkspace, firstWorkspaceId, type Credentials } from '../test-support/workspaces.js';

type Role = 'owner' | 'admin' | 'agent' | 'outsider' | 'anonymous';
const ROLES: Role[] = ['owner', 'admin', 'agent', 'outsider', 'anonymous'];

/** The objects of workspace 1 the routes act on. */
interface Fixtures {
  siteId: string;
  targetId: string;
  /** An agent an owner makes owner (so the other rows' target stays an agent). */
  promoteId: string;
  /** A second owner: admins may not touch them; the signed-in owner's own sessions stay. */
  ownerId: string;
  visitorId: string;
  teamId: string;
  cannedId: string;
  conversationId: string;
  fresh: () => string;
  newTeam: () => Promise<string>;
}

interface Row {
  route: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: (f: Fixtures) => string | Promise<string>;
  body?: (f: Fixtures) => unknown;
  /** The HTTP status per role. */
  expect: Record<Role, number>;
}

// Who may do what. A new admin route is one line here, and in the table of docs/admin.md.
// outsider: an owner of another workspace. On workspace 1's objects: 404, never 403 (no existence leak);
// on collections: their own workspace's (checked below: none of workspace 1's ids appear).
const ALL_OK = { owner: 200, admin: 200, agent: 200, outsider: 200, anonymous: 401 };
const MANAGE = (ok: number) => ({ owner: ok, admin: ok, agent: 403, outsider: 404, anonymous: 401 });
const MANAGE_COLLECTION = (ok: number) => ({ owner: ok, admin: ok, agent: 403, outsider: ok, anonymous: 401 });
const ROUTES: Row[] = [
  { route: 'list sites', method: 'GET', url: () => '/api/v1/sites', expect: ALL_OK },
  { route: 'create a site', method: 'POST', url: () => '/api/v1/sites', body: (f) => ({ name: `Site ${f.fresh()}` }), expect: MANAGE_COLLECTION(201) },
  { route: 'change a site', method: 'PATCH', url: (f) => `/api/v1/sites/${f.siteId}`, body: () => ({ color: '#123456' }), expect: MANAGE(200) },
  { route: 'rotate the identity secret', method: 'POST', url: (f) => `/api/v1/sites/${f.siteId}/identity-secret`, body: () => ({}), expect: MANAGE(200) },
  { route: 'list agent accounts', method: 'GET', url: () => '/api/v1/agents', expect: MANAGE_COLLECTION(200) },
  { route: 'change an agent', method: 'PATCH', url: (f) => `/api/v1/agents/${f.targetId}`, body: () => ({ maxChats: 5 }), expect: MANAGE(200) },
  { route: "change an owner's name", method: 'PATCH', url: (f) => `/api/v1/agents/${f.ownerId}`, body: () => ({ name: 'Second owner' }), expect: { ...MANAGE(200), admin: 403 } },
  { route: 'make an agent owner', method: 'PATCH', url: (f) => `/api/v1/agents/${f.promoteId}`, body: () => ({ role: 'owner' }), expect: { ...MANAGE(200), admin: 403 } },
  { route: "reset an agent's password", method: 'POST', url: (f) => `/api/v1/agents/${f.targetId}/password`, body: () => ({ password: 'a-new-password-1' }), expect: MANAGE(200) },
  { route: "reset an owner's password", method: 'POST', url: (f) => `/api/v1/agents/${f.ownerId}/password`, body: () => ({ password: 'another-new-password' }), expect: { ...MANAGE(200), admin: 403 } },
  { route: 'invite an agent', method: 'POST', url: () => '/api/v1/agents/invitations', body: (f) => ({ email: `${f.fresh()}@example.com`, name: 'New', role: 'agent' }), expect: MANAGE_COLLECTION(201) },
  { route: 'invite an owner', method: 'POST', url: () => '/api/v1/agents/invitations', body: (f) => ({ email: `${f.fresh()}@example.com`, name: 'New', role: 'owner' }), expect: { ...MANAGE_COLLECTION(201), admin: 403 } },
  { route: 'list teams', method: 'GET', url: () => '/api/v1/teams', expect: ALL_OK },
  { route: 'create a team', method: 'POST', url: () => '/api/v1/teams', body: (f) => ({ name: `Team ${f.fresh()}` }), expect: MANAGE_COLLECTION(201) },
  { route: 'change a team', method: 'PATCH', url: (f) => `/api/v1/teams/${f.teamId}`, body: (f) => ({ agentIds: [f.targetId] }), expect: MANAGE(200) },
  { route: 'delete a team', method: 'DELETE', url: async (f) => `/api/v1/teams/${await f.newTeam()}`, expect: MANAGE(204) },
  { route: 'list canned replies', method: 'GET', url: () => '/api/v1/canned-replies', expect: ALL_OK },
  { route: "change a colleague's shared canned reply", method: 'PATCH', url: (f) => `/api/v1/canned-replies/${f.cannedId}`, body: () => ({ body: 'Hello again' }), expect: MANAGE(200) },
];

/** Agent socket events, per role: acks ok, or the error code. */
interface SocketRow {
  event: string;
  payload: (f: Fixtures) => unknown;
  expect: Record<Exclude<Role, 'anonymous'>, 'ok' | string>;
}
const SOCKET_EVENTS: SocketRow[] = [
  { event: 'teams.list', payload: () => ({}), expect: { owner: 'ok', admin: 'ok', agent: 'ok', outsider: 'ok' } },
  { event: 'conversation.assign', payload: (f) => ({ conversationId: f.conversationId, assigneeId: null }), expect: { owner: 'ok', admin: 'ok', agent: 'ok', outsider: 'NOT_FOUND' } },
  { event: 'conversation.tags', payload: (f) => ({ conversationId: f.conversationId, add: ['vip'] }), expect: { owner: 'ok', admin: 'ok', agent: 'ok', outsider: 'NOT_FOUND' } },
  { event: 'visitor.get', payload: (f) => ({ visitorId: f.visitorId }), expect: { owner: 'ok', admin: 'ok', agent: 'ok', outsider: 'NOT_FOUND' } },
];

describe('the role matrix: each role × each admin route and socket event', () => {
  let server: TestServer;
  let fixtures: Fixtures;
  const creds = {} as Record<Exclude<Role, 'anonymous'>, Credentials>;
  const cookies = {} as Record<Role, string | null>;
  let n = 0;
  let outsiderId: string;

  const login = async (c: Credentials) => {
    const res = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: c.email, password: c.password } });
    expect(res.statusCode).toBe(200);
    return (res.headers['set-cookie'] as string).split(';')[0]!;
  };
  const api = (who: Role, method: Row['method'], url: string, payload?: unknown) =>
    server.app.inject({ method, url, headers: cookies[who] ? { cookie: cookies[who] } : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });

  beforeAll(async () => {
    server = await startServer();
    const workspaceId = await firstWorkspaceId(server);
    creds.owner = ADMIN;
    creds.admin = await addAgent(server, workspaceId, 'admin');
    creds.agent = await addAgent(server, workspaceId, 'agent');
    creds.outsider = (await addWorkspace(server)).owner;
    outsiderId = (creds.outsider as Credentials & { id: string }).id;
    const target = await addAgent(server, workspaceId, 'agent', 'Target');
    const promoted = await addAgent(server, workspaceId, 'agent', 'Promoted');
    const secondOwner = await addAgent(server, workspaceId, 'owner', 'Second owner');
    for (const who of ['owner', 'admin', 'agent', 'outsider'] as const) cookies[who] = await login(creds[who]);
    cookies.anonymous = null;

    const siteId = (await api('owner', 'GET', '/api/v1/sites')).json().sites[0].id as string;
    const newTeam = async () => ((await api('owner', 'POST', '/api/v1/teams', { name: `Team ${++n}` })).json().team as Team).id;
    // A shared reply by the plain agent: owners and admins may change it, other agents not (the outsider: not found).
    const author = await addAgent(server, workspaceId, 'agent', 'Author');
    const authorCookie = await login(author);
    const canned = await server.app.inject({ method: 'POST', url: '/api/v1/canned-replies', headers: { cookie: authorCookie }, payload: { shortcut: 'hi', body: 'Hello', scope: 'shared' } });
    const visitor = await connectVisitor(server);
    visitor.send('hello');
    await waitFor(() => visitor.items()[0]?.state === 'sent', 'the first message');
    fixtures = {
      siteId,
      targetId: target.id,
      promoteId: promoted.id,
      ownerId: secondOwner.id,
      visitorId: visitor.conversation!.visitorId,
      teamId: await newTeam(),
      cannedId: canned.json().cannedReply.id as string,
      conversationId: visitor.conversation!.id,
      fresh: () => `x${++n}-${Date.now()}`,
      newTeam,
    };
    visitor.close();
  });
  afterAll(() => server?.close());

  for (const row of ROUTES) {
    it.each(ROLES)(`${row.method} ${row.route}: %s`, async (who) => {
      // The outsider acts on workspace 1's objects: a team made for a DELETE is made in workspace 1 too.
      const res = await api(who, row.method, await row.url(fixtures), row.body?.(fixtures));
      expect(res.statusCode, res.body).toBe(row.expect[who]);
      if (res.statusCode >= 400) {
        expect(res.json().error.code).toBe({ 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' }[res.statusCode]);
      }
      if (who === 'outsider') {
        for (const id of [fixtures.siteId, fixtures.targetId, fixtures.ownerId, fixtures.teamId, fixtures.cannedId, fixtures.visitorId, ADMIN.email]) expect(res.body).not.toContain(id);
      }
    });
  }

  for (const row of SOCKET_EVENTS) {
    it.each(['owner', 'admin', 'agent', 'outsider'] as const)(`socket ${row.event}: %s`, async (who) => {
      const socket = await rawAgentSocket(server, creds[who]);
      const result = await ask<AckResult<unknown>>(socket, row.event, row.payload(fixtures));
      socket.close();
      expect(result.ok ? 'ok' : result.error.code).toBe(row.expect[who]);
      if (who === 'outsider') expect(JSON.stringify(result)).not.toContain(fixtures.teamId);
    });
  }

  it("never lets an owner reach another workspace's team or agents", async () => {
    // The outsider's own team is theirs to change; workspace 1's owner gets NOT_FOUND on it.
    const theirs = (await api('outsider', 'POST', '/api/v1/teams', { name: 'Theirs' })).json().team as Team;
    expect((await api('owner', 'PATCH', `/api/v1/teams/${theirs.id}`, { name: 'Mine now' })).json().error.code).toBe('NOT_FOUND');
    expect((await api('owner', 'PATCH', `/api/v1/teams/${fixtures.teamId}`, { agentIds: [outsiderId] })).json().error).toMatchObject({ code: 'BAD_REQUEST', path: 'agentIds.0' });
    const theirTeams = (await api('outsider', 'GET', '/api/v1/teams')).json().teams as Team[];
    expect(theirTeams.map((t) => t.name)).toContain('Theirs');
    expect(theirTeams.map((t) => t.id)).not.toContain(fixtures.teamId);
  });
});
