import { hashPassword } from '../auth/passwords.js';
import { newId } from '../ids.js';
import type { TestServer } from './server.js';

export interface Credentials {
  email: string;
  password: string;
}

/** The id of the workspace the server bootstrapped (ADMIN's). */
export async function firstWorkspaceId(server: Pick<TestServer, 'app'>): Promise<string> {
  const db = server.app.kefu.storage.db;
  return (await db.selectFrom('workspaces').select('id').orderBy('created_at').executeTakeFirstOrThrow()).id;
}

/** Another agent of a workspace, with the role given. */
export async function addAgent(server: Pick<TestServer, 'app'>, workspaceId: string, role: 'owner' | 'admin' | 'agent', name = `${role} ${newId().slice(0, 4)}`): Promise<Credentials & { id: string }> {
  const id = newId();
  const credentials = { email: `${id.slice(0, 8)}@example.com`, password: `pass-${id}` };
  await server.app.kefu.authRepo.createAgent({ id, workspace_id: workspaceId, email: credentials.email, name, password_hash: await hashPassword(credentials.password), role, created_at: Date.now() });
  return { ...credentials, id };
}

/** A second tenant: a workspace with one site (localhost allowed) and an owner. */
export async function addWorkspace(server: Pick<TestServer, 'app'>): Promise<{ workspaceId: string; siteKey: string; owner: Credentials & { id: string } }> {
  const workspaceId = newId();
  const siteKey = `site_${newId().slice(0, 12)}`;
  await server.app.kefu.storage.db.insertInto('workspaces').values({ id: workspaceId, name: 'Other workspace', created_at: Date.now() }).execute();
  await server.app.kefu.sites.create({ id: newId(), workspaceId, publicKey: siteKey, name: 'Other site', allowedOrigins: ['http://localhost:*'] });
  return { workspaceId, siteKey, owner: await addAgent(server, workspaceId, 'owner') };
}
