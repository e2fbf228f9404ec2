import type { Agent, CannedReply, CannedReplyCreate, CannedReplyUpdate, WireError } from '@kefu/protocol';
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
