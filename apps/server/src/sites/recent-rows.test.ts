import { describe, expect, it } from 'vitest';
import type { SiteRow } from '../storage/database.js';
import { RecentSiteRows, SITE_ROW_TTL_MS } from './recent-rows.js';

const row = (name: string) => ({ id: 's1', name }) as SiteRow;

describe('recent site rows', () => {
  it('shares a read in flight and reuses its row for a second, then reads again', async () => {
    const recent = new RecentSiteRows();
    let queries = 0;
    const query = async () => row(`read ${++queries}`);
    const [a, b] = await Promise.all([recent.read('id:s1', query, 0), recent.read('id:s1', query, 0)]);
    expect([a?.name, b?.name, queries]).toEqual(['read 1', 'read 1', 1]);
    expect((await recent.read('id:s1', query, SITE_ROW_TTL_MS - 1))?.name).toBe('read 1');
    expect((await recent.read('id:s1', query, SITE_ROW_TTL_MS))?.name).toBe('read 2');
  });

  it('keeps neither a missing site nor a failed read, and forgets everything on a change', async () => {
    const recent = new RecentSiteRows();
    let queries = 0;
    expect(await recent.read('key:nope', async () => (queries++, undefined), 0)).toBeUndefined();
    expect(await recent.read('key:nope', async () => (queries++, undefined), 1)).toBeUndefined();
    await expect(recent.read('id:s1', async () => Promise.reject(new Error('database gone')), 2)).rejects.toThrow('database gone');
    expect((await recent.read('id:s1', async () => row('after the failure'), 3))?.name).toBe('after the failure');
    recent.forget();
    expect((await recent.read('id:s1', async () => row('after the change'), 4))?.name).toBe('after the change');
    expect(queries).toBe(2);
  });
});
