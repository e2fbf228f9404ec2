import { describe, expect, it } from 'vitest';
import { PendingProfile } from './profile.js';
import { memoryStorage } from './storage.js';

describe('PendingProfile', () => {
  it('merges updates into one, attributes key by key, and survives a new instance (a reload)', () => {
    const storage = memoryStorage();
    const pending = new PendingProfile(storage, 'kefu:site:profile');
    pending.merge({ name: 'Li Lei', attributes: { plan: 'pro', cart: 2 } });
    pending.merge({ email: 'lei@example.com', attributes: { cart: null } });
    expect(new PendingProfile(storage, 'kefu:site:profile').get()).toEqual({
      name: 'Li Lei',
      email: 'lei@example.com',
      attributes: { plan: 'pro', cart: null },
    });
  });

  it('settles only what was sent: a change made meanwhile stays for the next send', () => {
    const pending = new PendingProfile(memoryStorage(), 'p');
    pending.merge({ name: 'A' });
    const sent = pending.get()!;
    pending.merge({ phone: '+86 138 0000 0000' });
    pending.settle(sent);
    expect(pending.get()).toEqual({ name: 'A', phone: '+86 138 0000 0000' });
    pending.settle(pending.get()!);
    expect(pending.get()).toBeNull();
  });

  it('treats unreadable storage as nothing pending', () => {
    const storage = memoryStorage();
    storage.set('p', '{not json');
    expect(new PendingProfile(storage, 'p').get()).toBeNull();
  });
});
