import { AppError } from '../errors.js';
import { hashSecret, newId, newSecret } from '../ids.js';
import type { VisitorRow } from '../storage/database.js';
import type { VisitorsRepo } from './repo.js';

export interface VisitorIdentity {
  visitor: VisitorRow;
  /** The token to give back to the client: the one it sent, or a new one. */
  token: string;
}

export class VisitorsService {
  constructor(private readonly repo: VisitorsRepo) {}

  /**
   * Recognises a returning visitor by token, or issues a token to a new one. An
   * unknown token is refused (UNAUTHENTICATED) rather than silently replaced, so the
   * client can tell it was forgotten and start over on purpose.
   */
  async identify(siteId: string, token: string | undefined): Promise<VisitorIdentity> {
    const now = Date.now();
    if (token) {
      const visitor = await this.repo.byTokenHash(siteId, hashSecret(token));
      if (!visitor) throw new AppError('UNAUTHENTICATED', 'Unknown visitor token.');
      await this.repo.touch(visitor.id, now);
      return { visitor, token };
    }
    const fresh = newSecret();
    const visitor = await this.repo.create({
      id: newId(),
      site_id: siteId,
      token_hash: hashSecret(fresh),
      name: null,
      created_at: now,
      last_seen_at: now,
    });
    return { visitor, token: fresh };
  }
}
