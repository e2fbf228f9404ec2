import { acceptInvitation, createSite, inviteAgent, signIn, updateAgent, updateSite } from '@kefu/client';

/** The Origin the bench's visitors send, as a browser on the bench site's page would. */
export const PAGE_ORIGIN = 'http://bench.localhost:3000';

/** Routing capacity beyond an even share, so that nobody waits when conversations do not split evenly. */
const SPARE_CHATS = 2;
/** The server caps an agent's capacity (agentUpdate.maxChats). */
const MAX_CHATS_LIMIT = 100;
/** Invitations accepted at once: each one hashes a password (argon2id) on the server. */
const SETUP_CONCURRENCY = 4;

export interface BenchAgent {
  /** 0..A-1: which worker holds it, whom it answers in the baseline. */
  index: number;
  agentId: string;
  /** The session cookie for the agent's socket handshake. */
  cookie: string;
}

export interface BenchSetup {
  siteKey: string;
  agents: BenchAgent[];
}

/** Runs `task` over 0..n-1, at most `concurrency` at a time. */
export async function pool<T>(n: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(n);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, concurrency) }, async () => {
    while (next < n) {
      const i = next++;
      results[i] = await task(i);
    }
  }));
  return results;
}

/**
 * Everything through Kefu's own REST API, as an admin would in the console: a site
 * with automatic routing whose allowed origins match the bench's Origin header, and
 * agents created by invitation with the capacity to take every visitor at once.
 */
export async function setUpKefu(url: string, admin: { email: string; password: string }, visitors: number, agents: number, nonce: string): Promise<BenchSetup> {
  const maxChats = Math.ceil(visitors / agents) + SPARE_CHATS;
  if (maxChats > MAX_CHATS_LIMIT) throw new Error(`${visitors} visitors need ${maxChats} chats per agent, more than Kefu's ${MAX_CHATS_LIMIT}: add agents`);
  const { siteKey, asAdmin } = await setUpSite(url, admin, nonce);
  const created = await pool(agents, SETUP_CONCURRENCY, async (index): Promise<BenchAgent> => {
    const invitation = await inviteAgent(url, { email: `bench-${nonce}-${index}@example.com`, name: `Bench agent ${index}`, role: 'agent' }, asAdmin);
    const token = decodeURIComponent(invitation.url.split('/invite/')[1] ?? '');
    const { agent, cookie } = await acceptInvitation(url, token, { password: `bench agent password ${nonce}` });
    if (!cookie) throw new Error('accepting an invitation set no cookie');
    await updateAgent(url, agent.id, { maxChats }, asAdmin);
    return { index, agentId: agent.id, cookie };
  });
  return { siteKey, agents: created };
}

/** The bench's site alone (the connections scenario needs no agents). */
export async function setUpSite(url: string, admin: { email: string; password: string }, nonce: string): Promise<{ siteKey: string; asAdmin: { cookie: string } }> {
  const { cookie } = await signIn(url, admin.email, admin.password);
  if (!cookie) throw new Error('the admin sign-in set no cookie');
  const asAdmin = { cookie };
  const site = await createSite(url, { name: `Stress bench ${nonce}`, allowedOrigins: [PAGE_ORIGIN] }, asAdmin);
  await updateSite(url, site.id, { routing: { mode: 'auto' } }, asAdmin);
  return { siteKey: site.publicKey, asAdmin };
}
