import type { Agent } from '@kefu/protocol';
import { AppError } from '../errors.js';
import { hashSecret, newSecret } from '../ids.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { AgentSessionInfo, AuthRepo } from './repo.js';
import { toAgent } from './repo.js';

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

// Compared against when the email is unknown, so that a wrong email and a wrong
// password take the same time and cannot be told apart.
const DUMMY_HASH = hashPassword('kefu-timing-equaliser');

export class AuthService {
  constructor(private readonly repo: AuthRepo) {}

  /** Checks the password and opens a session; returns the cookie's token. */
  async signIn(email: string, password: string): Promise<{ token: string; agent: Agent }> {
    const row = await this.repo.byEmail(email);
    const ok = await verifyPassword(row?.password_hash ?? (await DUMMY_HASH), password);
    if (!row || !ok) throw new AppError('INVALID_CREDENTIALS');
    // Told only to whoever knows the password: the refusal leaks nothing to a guesser.
    if (row.active !== 1) throw new AppError('ACCOUNT_DISABLED');
    return { token: await this.openSession(row.id), agent: toAgent(row) };
  }

  /** A new session for an agent just proven to be who they are (a password, an accepted invitation); returns the cookie's token. */
  async openSession(agentId: string): Promise<string> {
    const token = newSecret();
    const now = Date.now();
    await this.repo.createSession(hashSecret(token), agentId, now, now + SESSION_TTL_MS);
    return token;
  }

  /** The session behind a cookie's token, or null. */
  async resolve(token: string | undefined): Promise<AgentSessionInfo | null> {
    if (!token) return null;
    return this.repo.session(hashSecret(token), Date.now());
  }

  /** Ends the session; returns its id so that its sockets can be closed. */
  async signOut(token: string): Promise<string> {
    const sessionId = hashSecret(token);
    await this.repo.deleteSession(sessionId);
    return sessionId;
  }
}
