import { randomUUID } from 'node:crypto';
import type { AckResult, Team } from '@kefu/client';
import { PROTOCOL_VERSION, type AgentClientEvents, type ErrorCode, type Message, type VisitorClientEvents, type VisitorSession } from '@kefu/protocol';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, connectVisitor, rawAgentSocket, rawVisitorSocket } from '../test-support/clients.js';
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
  /** Workspace 2's owner and one of its teams (assigning to them from workspace 1 is NOT_FOUND). */
  outsiderId: string;
  outsiderTeamId: string;
  /** The conversation of the visitor matrix's `self`. */
  visitorConversationId: string;
  /** The email of a pending invitation of workspace 1 (the outsider's list must not show it). */
  invitationEmail: string;
  fresh: () => string;
  newTeam: () => Promise<string>;
  /** A pending invitation of workspace 1, made by its owner. */
  newInvitation: (role: 'owner' | 'agent') => Promise<string>;
  /** A new visitor's open conversation in workspace 1 (to close), or closed (to reopen). */
  openConversation: () => Promise<string>;
  /** An open conversation the second owner has. */
  colleaguesConversation: () => Promise<string>;
  closedConversation: () => Promise<string>;
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
  { route: 'list pending invitations', method: 'GET', url: () => '/api/v1/agents/invitations', expect: MANAGE_COLLECTION(200) },
  { route: 'revoke an invitation', method: 'DELETE', url: async (f) => `/api/v1/agents/invitations/${await f.newInvitation('agent')}`, expect: MANAGE(204) },
  { route: "revoke an owner's invitation", method: 'DELETE', url: async (f) => `/api/v1/agents/invitations/${await f.newInvitation('owner')}`, expect: { ...MANAGE(204), admin: 403 } },
  { route: 'list teams', method: 'GET', url: () => '/api/v1/teams', expect: ALL_OK },
  { route: 'create a team', method: 'POST', url: () => '/api/v1/teams', body: (f) => ({ name: `Team ${f.fresh()}` }), expect: MANAGE_COLLECTION(201) },
  { route: 'change a team', method: 'PATCH', url: (f) => `/api/v1/teams/${f.teamId}`, body: (f) => ({ agentIds: [f.targetId] }), expect: MANAGE(200) },
  { route: 'delete a team', method: 'DELETE', url: async (f) => `/api/v1/teams/${await f.newTeam()}`, expect: MANAGE(204) },
  { route: 'list canned replies', method: 'GET', url: () => '/api/v1/canned-replies', expect: ALL_OK },
  { route: "change a colleague's shared canned reply", method: 'PATCH', url: (f) => `/api/v1/canned-replies/${f.cannedId}`, body: () => ({ body: 'Hello again' }), expect: MANAGE(200) },
];

type Actor = Exclude<Role, 'anonymous'>;
type Outcome = 'ok' | ErrorCode;

/** One way to call an event, and what each role gets: acks ok, or the error code. */
interface SocketCase {
  /** What this case is about, when an event has several. */
  what?: string;
  payload: (f: Fixtures) => unknown;
  expect: Record<Actor, Outcome>;
}

// Every agent event of the protocol (the Record's keys: a new event does not compile
// until it has a line here). Objects of workspace 1 are NOT_FOUND to the outsider, who
// on collections gets their own workspace's (checked below: none of workspace 1's ids
// appear). One rule is for owners and admins only: moving a colleague's chat (taking over).
const EVERYONE = { owner: 'ok', admin: 'ok', agent: 'ok', outsider: 'ok' } as const;
const IN_WORKSPACE = { owner: 'ok', admin: 'ok', agent: 'ok', outsider: 'NOT_FOUND' } as const;
const NOBODY = (code: ErrorCode) => ({ owner: code, admin: code, agent: code, outsider: code });
const AGENT_EVENTS: Record<keyof AgentClientEvents, SocketCase[]> = {
  'session.hello': [{ payload: () => ({}), expect: EVERYONE }],
  'conversations.list': [
    { payload: () => ({ view: 'open' }), expect: EVERYONE },
    { what: 'filtered by a site and a team of workspace 1', payload: (f) => ({ view: 'open', siteId: f.siteId, teamId: f.teamId }), expect: EVERYONE },
  ],
  'conversations.counts': [{ payload: () => ({}), expect: EVERYONE }],
  'conversation.get': [{ payload: (f) => ({ conversationId: f.conversationId }), expect: IN_WORKSPACE }],
  'message.send': [{ payload: (f) => ({ conversationId: f.conversationId, clientMsgId: randomUUID(), body: 'Hello' }), expect: IN_WORKSPACE }],
  'messages.sync': [{ payload: (f) => ({ conversationId: f.conversationId, afterSeq: 0 }), expect: IN_WORKSPACE }],
  'messages.history': [{ payload: (f) => ({ conversationId: f.conversationId }), expect: IN_WORKSPACE }],
  'conversation.read': [{ payload: (f) => ({ conversationId: f.conversationId, seq: 1 }), expect: IN_WORKSPACE }],
  'typing.update': [{ payload: (f) => ({ conversationId: f.conversationId, typing: false }), expect: IN_WORKSPACE }],
  'conversation.close': [{ payload: async (f) => ({ conversationId: await f.openConversation() }), expect: IN_WORKSPACE }],
  'conversation.reopen': [{ payload: async (f) => ({ conversationId: await f.closedConversation() }), expect: IN_WORKSPACE }],
  'conversation.assign': [
    { payload: (f) => ({ conversationId: f.conversationId, assigneeId: null }), expect: IN_WORKSPACE },
    { what: "a colleague's chat (taking over)", payload: async (f) => ({ conversationId: await f.colleaguesConversation(), assigneeId: null }), expect: { ...IN_WORKSPACE, agent: 'FORBIDDEN' } },
    { what: 'to an agent of another workspace', payload: (f) => ({ conversationId: f.conversationId, assigneeId: f.outsiderId }), expect: NOBODY('NOT_FOUND') },
    { what: 'to a team of another workspace', payload: (f) => ({ conversationId: f.conversationId, assigneeId: null, teamId: f.outsiderTeamId }), expect: NOBODY('NOT_FOUND') },
  ],
  'conversation.tags': [{ payload: (f) => ({ conversationId: f.conversationId, add: [SECRET_TAG] }), expect: IN_WORKSPACE }],
  'tags.list': [{ payload: () => ({}), expect: EVERYONE }],
  'notes.list': [{ payload: (f) => ({ conversationId: f.conversationId }), expect: IN_WORKSPACE }],
  'note.send': [{ payload: (f) => ({ conversationId: f.conversationId, clientNoteId: randomUUID(), body: 'Internal' }), expect: IN_WORKSPACE }],
  'visitors.live': [{ payload: () => ({}), expect: EVERYONE }],
  'visitor.get': [{ payload: (f) => ({ visitorId: f.visitorId }), expect: IN_WORKSPACE }],
  'visitor.invite': [{ payload: (f) => ({ visitorId: f.visitorId, clientMsgId: randomUUID(), body: 'Can I help?' }), expect: IN_WORKSPACE }],
  'teams.list': [{ payload: () => ({}), expect: EVERYONE }],
  'agents.list': [{ payload: () => ({}), expect: EVERYONE }],
  'agent.status': [{ payload: () => ({ status: 'online' }), expect: EVERYONE }],
  'presence.update': [{ payload: () => ({ state: 'active' }), expect: EVERYONE }],
};

type VisitorActor = 'self' | 'neighbour' | 'stranger';
interface VisitorCase {
  payload: (f: Fixtures) => unknown;
  expect: Record<VisitorActor, Outcome>;
}
// Every visitor event, sent by the visitor who owns the conversation (self), another
// visitor of the same site (neighbour) and one of another workspace's site (stranger).
const OWN = { self: 'ok', neighbour: 'NOT_FOUND', stranger: 'NOT_FOUND' } as const;
const ANY_VISITOR = { self: 'ok', neighbour: 'ok', stranger: 'ok' } as const;
const VISITOR_EVENTS: Record<keyof VisitorClientEvents, VisitorCase[]> = {
  'session.hello': [{ payload: () => ({}), expect: ANY_VISITOR }],
  'message.send': [{ payload: (f) => ({ conversationId: f.visitorConversationId, clientMsgId: randomUUID(), body: 'Hello' }), expect: OWN }],
  'messages.sync': [{ payload: (f) => ({ conversationId: f.visitorConversationId, afterSeq: 0 }), expect: OWN }],
  'conversation.read': [{ payload: (f) => ({ conversationId: f.visitorConversationId, seq: 1 }), expect: OWN }],
  'typing.update': [{ payload: (f) => ({ conversationId: f.visitorConversationId, typing: true, draft: 'Hel' }), expect: OWN }],
  // These act on the sender only: there is nobody else's to name.
  'presence.update': [{ payload: () => ({ state: 'active' }), expect: ANY_VISITOR }],
  'visitor.update': [{ payload: () => ({ name: 'Ann' }), expect: ANY_VISITOR }],
  'page.view': [{ payload: () => ({ url: 'http://localhost:3000/pricing', title: 'Pricing', referrer: null, at: Date.now() }), expect: ANY_VISITOR }],
};

/** A tag only workspace 1 uses: the outsider's tags.list must not show it. */
const SECRET_TAG = 'workspace-one-only';

describe('the role matrix: each role × each admin route and socket event', () => {
  let server: TestServer;
  let fixtures: Fixtures;
  const creds = {} as Record<Exclude<Role, 'anonymous'>, Credentials>;
  const cookies = {} as Record<Role, string | null>;
  const sockets = {} as Record<Actor, Socket>;
  const visitorSockets = {} as Record<VisitorActor, Socket>;
  const closeLater: { close(): unknown }[] = [];
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
    const other = await addWorkspace(server);
    creds.outsider = other.owner;
    outsiderId = (creds.outsider as Credentials & { id: string }).id;
    const target = await addAgent(server, workspaceId, 'agent', 'Target');
    const promoted = await addAgent(server, workspaceId, 'agent', 'Promoted');
    const secondOwner = await addAgent(server, workspaceId, 'owner', 'Second owner');
    for (const who of ['owner', 'admin', 'agent', 'outsider'] as const) cookies[who] = await login(creds[who]);
    cookies.anonymous = null;

    const siteId = (await api('owner', 'GET', '/api/v1/sites')).json().sites[0].id as string;
    const newTeam = async () => ((await api('owner', 'POST', '/api/v1/teams', { name: `Team ${++n}` })).json().team as Team).id;
    const invite = async (role: 'owner' | 'agent', email = `invitee-${++n}@example.com`) => {
      const res = await api('owner', 'POST', '/api/v1/agents/invitations', { email, name: 'Invitee', role });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().invitation.id as string;
    };
    const invitationEmail = `pending-${Date.now()}@example.com`;
    await invite('agent', invitationEmail);
    // A shared reply by the plain agent: owners and admins may change it, other agents not (the outsider: not found).
    const author = await addAgent(server, workspaceId, 'agent', 'Author');
    const authorCookie = await login(author);
    const canned = await server.app.inject({ method: 'POST', url: '/api/v1/canned-replies', headers: { cookie: authorCookie }, payload: { shortcut: 'hi', body: 'Hello', scope: 'shared' } });
    // Stays connected: the outsider's visitors.live must not show them.
    const visitor = await connectVisitor(server);
    closeLater.push(visitor);
    visitor.send('hello');
    await waitFor(() => visitor.items()[0]?.state === 'sent', 'the first message');
    const firstMessage = async (socket: Socket) => {
      const sent = await ask<AckResult<Message>>(socket, 'message.send', { clientMsgId: randomUUID(), body: 'Hi' });
      if (!sent.ok) throw new Error(`first message refused: ${sent.error.code}`);
      return sent.data.conversationId;
    };
    const openConversation = async () => {
      const socket = await rawVisitorSocket(server);
      const id = await firstMessage(socket);
      socket.close();
      return id;
    };
    for (const who of ['owner', 'admin', 'agent', 'outsider'] as const) closeLater.push((sockets[who] = await rawAgentSocket(server, creds[who])));
    visitorSockets.self = await rawVisitorSocket(server);
    visitorSockets.neighbour = await rawVisitorSocket(server);
    visitorSockets.stranger = await rawVisitorSocket({ url: server.url, siteKey: other.siteKey });
    closeLater.push(...Object.values(visitorSockets));
    const outsiderTeam = (await api('outsider', 'POST', '/api/v1/teams', { name: 'Outsiders' })).json().team as Team;
    fixtures = {
      siteId,
      targetId: target.id,
      promoteId: promoted.id,
      ownerId: secondOwner.id,
      visitorId: visitor.conversation!.visitorId,
      teamId: await newTeam(),
      cannedId: canned.json().cannedReply.id as string,
      conversationId: visitor.conversation!.id,
      outsiderId,
      outsiderTeamId: outsiderTeam.id,
      visitorConversationId: await firstMessage(visitorSockets.self),
      invitationEmail,
      fresh: () => `x${++n}-${Date.now()}`,
      newTeam,
      newInvitation: (role) => invite(role),
      openConversation,
      colleaguesConversation: async () => {
        const id = await openConversation();
        await server.app.kefu.conversationActions.assign(id, await firstWorkspaceId(server), null, secondOwner.id);
        return id;
      },
      closedConversation: async () => {
        const id = await openConversation();
        await server.app.kefu.conversationActions.close(id, secondOwner.id);
        return id;
      },
    };
  });
  afterAll(async () => {
    for (const c of closeLater) c.close();
    await server?.close();
  });

  /** What the outsider must never see: workspace 1's ids, its owner's email, its tag. */
  const workspaceOneSecrets = (f: Fixtures) => [f.siteId, f.targetId, f.ownerId, f.teamId, f.cannedId, f.visitorId, f.conversationId, f.invitationEmail, ADMIN.email, SECRET_TAG];

  for (const row of ROUTES) {
    it.each(ROLES)(`${row.method} ${row.route}: %s`, async (who) => {
      // The outsider acts on workspace 1's objects: a team made for a DELETE is made in workspace 1 too.
      const res = await api(who, row.method, await row.url(fixtures), row.body?.(fixtures));
      expect(res.statusCode, res.body).toBe(row.expect[who]);
      if (res.statusCode >= 400) {
        expect(res.json().error.code).toBe({ 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' }[res.statusCode]);
      }
      if (who === 'outsider') {
        for (const secret of workspaceOneSecrets(fixtures)) expect(res.body).not.toContain(secret);
      }
    });
  }

  const agentCases = Object.entries(AGENT_EVENTS).flatMap(([event, cases]) => cases.map((c) => ({ event, ...c })));
  for (const row of agentCases) {
    it.each(['owner', 'admin', 'agent', 'outsider'] as const)(`socket ${row.event}${row.what ? ` ${row.what}` : ''}: %s`, async (who) => {
      const result = await ask<AckResult<unknown>>(sockets[who], row.event, await row.payload(fixtures));
      expect(result.ok ? 'ok' : result.error.code, JSON.stringify(result)).toBe(row.expect[who]);
      if (who === 'outsider') for (const secret of workspaceOneSecrets(fixtures)) expect(JSON.stringify(result)).not.toContain(secret);
    });
  }

  const visitorCases = Object.entries(VISITOR_EVENTS).flatMap(([event, cases]) => cases.map((c) => ({ event, ...c })));
  for (const row of visitorCases) {
    it.each(['self', 'neighbour', 'stranger'] as const)(`visitor socket ${row.event}: %s`, async (who) => {
      const result = await ask<AckResult<unknown>>(visitorSockets[who], row.event, await row.payload(fixtures));
      expect(result.ok ? 'ok' : result.error.code, JSON.stringify(result)).toBe(row.expect[who]);
      if (who !== 'self') expect(JSON.stringify(result)).not.toContain(fixtures.visitorConversationId);
    });
  }

  it('gives a visitor none of the agent events: not on their namespace, and no way into the agent one', async () => {
    const agentOnly = Object.keys(AGENT_EVENTS).filter((event) => !Object.hasOwn(VISITOR_EVENTS, event));
    // The visitor namespace has no such events: each is refused as unknown, none runs.
    const answers = await Promise.all(
      agentOnly.map((event) => ask<AckResult<unknown>>(visitorSockets.self, event, { conversationId: fixtures.conversationId, visitorId: fixtures.visitorId })),
    );
    expect(answers).toEqual(agentOnly.map((event) => ({ ok: false, error: { code: 'BAD_REQUEST', message: `unknown event ${event}` } })));
    expect((await ask<AckResult<unknown>>(visitorSockets.self, 'messages.sync', { conversationId: fixtures.visitorConversationId, afterSeq: 0 })).ok).toBe(true);

    // A visitor's token is no agent session.
    const hello = await ask<AckResult<VisitorSession>>(visitorSockets.self, 'session.hello', {});
    if (!hello.ok) throw new Error(hello.error.code);
    const intruder = io(`${server.url}/agent`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { protocolVersion: PROTOCOL_VERSION, visitorToken: hello.data.visitorToken, siteKey: server.siteKey } });
    const refused = await new Promise<{ data?: { code?: string } }>((resolve) => {
      intruder.once('connect', () => resolve({}));
      intruder.once('connect_error', (err) => resolve(err as { data?: { code?: string } }));
    });
    intruder.close();
    expect(refused.data?.code).toBe('UNAUTHENTICATED');
  });

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
