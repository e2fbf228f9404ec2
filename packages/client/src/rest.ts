import type {
  Agent,
  AgentAccount,
  AgentUpdate,
  CannedReply,
  CannedReplyCreate,
  CannedReplyUpdate,
  Invitation,
  InvitationAccept,
  InvitationCreate,
  PendingInvitation,
  SiteCreate,
  SiteSettings,
  SiteSettingsUpdate,
  Team,
  TeamCreate,
  TeamUpdate,
  WireError,
} from '@kefu/protocol';
import { KefuError } from './errors.js';

export interface SignInResult {
  agent: Agent;
  /** Node.js only: the session cookie to pass as `extraHeaders.cookie`; browsers keep it themselves. */
  cookie: string | null;
}

async function call<T>(url: string, init: RequestInit): Promise<{ data: T; response: Response }> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'include', ...init });
  } catch (err) {
    throw new KefuError('DISCONNECTED', String(err));
  }
  const body = (await response.json().catch(() => null)) as { error?: WireError } | T | null;
  if (!response.ok) {
    const error = (body as { error?: WireError } | null)?.error;
    throw error ? KefuError.from(error) : new KefuError('INTERNAL', `HTTP ${response.status}`);
  }
  return { data: body as T, response };
}

function jsonPost(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** Signs an agent in with email and password; the server sets an httpOnly session cookie. */
export async function signIn(baseUrl: string, email: string, password: string, headers?: Record<string, string>): Promise<SignInResult> {
  const { data, response } = await call<{ agent: Agent }>(`${baseUrl}/api/v1/auth/login`, jsonPost({ email, password }, headers));
  const setCookie = response.headers.get('set-cookie');
  return { agent: data.agent, cookie: setCookie ? setCookie.split(';')[0]! : null };
}

export async function signOut(baseUrl: string, headers?: Record<string, string>): Promise<void> {
  await call<unknown>(`${baseUrl}/api/v1/auth/logout`, jsonPost({}, headers));
}

/** The signed-in agent, or null when the session cookie is missing or expired. */
export async function currentAgent(baseUrl: string, headers?: Record<string, string>): Promise<Agent | null> {
  try {
    return (await call<{ agent: Agent }>(`${baseUrl}/api/v1/auth/me`, { headers })).data.agent;
  } catch (err) {
    if (err instanceof KefuError && err.code === 'UNAUTHENTICATED') return null;
    throw err;
  }
}

function jsonBody(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** The shared canned replies of the agent's workspace and the agent's personal ones, by shortcut. */
export async function listCannedReplies(baseUrl: string, headers?: Record<string, string>): Promise<CannedReply[]> {
  return (await call<{ cannedReplies: CannedReply[] }>(`${baseUrl}/api/v1/canned-replies`, { headers })).data.cannedReplies;
}

/** CONFLICT when the shortcut is taken in that scope. */
export async function createCannedReply(baseUrl: string, reply: CannedReplyCreate, headers?: Record<string, string>): Promise<CannedReply> {
  return (await call<{ cannedReply: CannedReply }>(`${baseUrl}/api/v1/canned-replies`, jsonBody('POST', reply, headers))).data.cannedReply;
}

export async function updateCannedReply(baseUrl: string, id: string, change: CannedReplyUpdate, headers?: Record<string, string>): Promise<CannedReply> {
  return (await call<{ cannedReply: CannedReply }>(`${baseUrl}/api/v1/canned-replies/${encodeURIComponent(id)}`, jsonBody('PATCH', change, headers))).data.cannedReply;
}

export async function deleteCannedReply(baseUrl: string, id: string, headers?: Record<string, string>): Promise<void> {
  await call<unknown>(`${baseUrl}/api/v1/canned-replies/${encodeURIComponent(id)}`, { method: 'DELETE', headers });
}

const path = (baseUrl: string, ...parts: string[]) => `${baseUrl}/api/v1/${parts.map(encodeURIComponent).join('/')}`;

/** What an invitation link shows before it is accepted. */
export interface InvitationInfo {
  email: string;
  name: string;
  role: Agent['role'];
  workspaceName: string;
}

/** The workspace's sites; the identity secret only for owners and admins. */
export async function listSites(baseUrl: string, headers?: Record<string, string>): Promise<SiteSettings[]> {
  return (await call<{ sites: SiteSettings[] }>(path(baseUrl, 'sites'), { headers })).data.sites;
}

/** A new site with its own key and identity secret (owners and admins). */
export async function createSite(baseUrl: string, site: SiteCreate, headers?: Record<string, string>): Promise<SiteSettings> {
  return (await call<{ site: SiteSettings }>(path(baseUrl, 'sites'), jsonBody('POST', site, headers))).data.site;
}

/** Open widgets repaint; narrowed origins or enforce mode drop the visitors now refused. */
export async function updateSite(baseUrl: string, id: string, change: SiteSettingsUpdate, headers?: Record<string, string>): Promise<SiteSettings> {
  return (await call<{ site: SiteSettings }>(path(baseUrl, 'sites', id), jsonBody('PATCH', change, headers))).data.site;
}

/** A new identity secret: hashes made with the old one stop verifying at once. */
export async function rotateIdentitySecret(baseUrl: string, siteId: string, headers?: Record<string, string>): Promise<string> {
  return (await call<{ identitySecret: string }>(path(baseUrl, 'sites', siteId, 'identity-secret'), jsonBody('POST', {}, headers))).data.identitySecret;
}

/** Every agent account of the workspace (owners and admins; FORBIDDEN for agents). */
export async function listAgentAccounts(baseUrl: string, headers?: Record<string, string>): Promise<AgentAccount[]> {
  return (await call<{ agents: AgentAccount[] }>(path(baseUrl, 'agents'), { headers })).data.agents;
}

/**
 * An invitation link for a new agent; its `url` is shown once (the server keeps only a hash).
 *
 * @example
 * const { url } = await inviteAgent(base, { email: 'li@example.com', name: 'Li', role: 'agent' });
 */
export async function inviteAgent(baseUrl: string, invitation: InvitationCreate, headers?: Record<string, string>): Promise<Invitation> {
  return (await call<{ invitation: Invitation }>(path(baseUrl, 'agents', 'invitations'), jsonBody('POST', invitation, headers))).data.invitation;
}

/** The links not used yet and not expired, newest first (owners and admins). */
export async function listInvitations(baseUrl: string, headers?: Record<string, string>): Promise<PendingInvitation[]> {
  return (await call<{ invitations: PendingInvitation[] }>(path(baseUrl, 'agents', 'invitations'), { headers })).data.invitations;
}

/** Revokes a link not used yet: it then answers NOT_FOUND, like an unknown one. Only owners revoke an owner's invitation. */
export async function revokeInvitation(baseUrl: string, id: string, headers?: Record<string, string>): Promise<void> {
  await call<unknown>(path(baseUrl, 'agents', 'invitations', id), { method: 'DELETE', headers });
}

/** What the link is for; NOT_FOUND when it is unknown, used or expired. No sign-in needed. */
export async function invitationInfo(baseUrl: string, token: string, headers?: Record<string, string>): Promise<InvitationInfo> {
  return (await call<{ invitation: InvitationInfo }>(path(baseUrl, 'invitations', token), { headers })).data.invitation;
}

/** Accepts an invitation (once) and signs the new agent in, like `signIn`. */
export async function acceptInvitation(baseUrl: string, token: string, accept: InvitationAccept, headers?: Record<string, string>): Promise<SignInResult> {
  const { data, response } = await call<{ agent: Agent }>(path(baseUrl, 'invitations', token, 'accept'), jsonPost(accept, headers));
  const setCookie = response.headers.get('set-cookie');
  return { agent: data.agent, cookie: setCookie ? setCookie.split(';')[0]! : null };
}

/** Name, role, capacity, or (de)activation; see docs/admin.md for who may change what. */
export async function updateAgent(baseUrl: string, id: string, change: AgentUpdate, headers?: Record<string, string>): Promise<AgentAccount> {
  return (await call<{ agent: AgentAccount }>(path(baseUrl, 'agents', id), jsonBody('PATCH', change, headers))).data.agent;
}

/** Sets an agent's password; their sessions end. */
export async function resetAgentPassword(baseUrl: string, id: string, password: string, headers?: Record<string, string>): Promise<void> {
  await call<unknown>(path(baseUrl, 'agents', id, 'password'), jsonPost({ password }, headers));
}

export async function listTeams(baseUrl: string, headers?: Record<string, string>): Promise<Team[]> {
  return (await call<{ teams: Team[] }>(path(baseUrl, 'teams'), { headers })).data.teams;
}

/** CONFLICT when the name is taken in the workspace. */
export async function createTeam(baseUrl: string, team: TeamCreate, headers?: Record<string, string>): Promise<Team> {
  return (await call<{ team: Team }>(path(baseUrl, 'teams'), jsonBody('POST', team, headers))).data.team;
}

/** `agentIds`, when given, replaces the members. */
export async function updateTeam(baseUrl: string, id: string, change: TeamUpdate, headers?: Record<string, string>): Promise<Team> {
  return (await call<{ team: Team }>(path(baseUrl, 'teams', id), jsonBody('PATCH', change, headers))).data.team;
}

/** Conversations and sites routed to it go to the whole workspace. */
export async function deleteTeam(baseUrl: string, id: string, headers?: Record<string, string>): Promise<void> {
  await call<unknown>(path(baseUrl, 'teams', id), { method: 'DELETE', headers });
}
