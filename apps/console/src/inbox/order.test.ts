import type { ConversationSummary } from '@kefu/client';
import { describe, expect, it } from 'vitest';
import { matches, replaceFirstPage, upsert, type InboxFilter } from './order.js';

const conversation = (id: string, at: number, change: Partial<ConversationSummary> = {}): ConversationSummary => ({
  id, siteId: 's1', visitorId: `v-${id}`, status: 'open', assigneeId: null, teamId: null, lastSeq: 1, lastMessageAt: at, lastMessagePreview: `about ${id}`,
  createdAt: 0, visitorReadSeq: 0, agentReadSeq: 0, visitorName: `Visitor ${id}`, siteName: 'Site', agentReads: {}, tags: [], ...change,
});
const ids = (list: readonly ConversationSummary[]) => list.map((c) => c.id);
const filter = (change: Partial<InboxFilter> = {}): InboxFilter => ({ view: 'open', siteId: null, tag: null, query: '', ...change });

describe('the inbox list', () => {
  it('keeps newest activity first, replaces a conversation by its fresher copy and drops what stops matching', () => {
    const list = [conversation('a', 300), conversation('b', 200), conversation('c', 100)];
    const moved = upsert(list, [conversation('c', 400, { lastSeq: 2 })]);
    expect(ids(moved)).toEqual(['c', 'a', 'b']);
    // An older copy (fewer messages) arriving late changes nothing.
    expect(upsert(moved, [conversation('c', 100, { lastSeq: 1 })])).toBe(moved);
    // Closed in an open view: it leaves.
    expect(ids(upsert(moved, [conversation('a', 300, { status: 'closed' })]))).toEqual(['c', 'b']);
  });

  it('leaves a conversation older than the loaded rows for its page, while more pages remain', () => {
    const list = [conversation('a', 300), conversation('b', 200)];
    expect(ids(upsert(list, [conversation('old', 50)], () => true, 200))).toEqual(['a', 'b']);
    expect(ids(upsert(list, [conversation('old', 50)], () => true, null))).toEqual(['a', 'b', 'old']);
  });

  it('matches views, site, tag and (for rows not listed by the server) the search', () => {
    const mine = conversation('m', 1, { assigneeId: 'me', tags: ['vip'] });
    expect(matches(mine, filter({ view: 'mine' }), 'me', false)).toBe(true);
    expect(matches(mine, filter({ view: 'unassigned' }), 'me', false)).toBe(false);
    expect(matches(mine, filter({ view: 'mine' }), 'someone-else', false)).toBe(false);
    expect(matches(mine, filter({ tag: 'vip' }), 'me', false)).toBe(true);
    expect(matches(mine, filter({ tag: 'billing' }), 'me', false)).toBe(false);
    expect(matches(mine, filter({ siteId: 's2' }), 'me', false)).toBe(false);
    expect(matches(mine, filter({ query: 'ABOUT m' }), 'me', false)).toBe(true);
    expect(matches(mine, filter({ query: 'refund' }), 'me', false)).toBe(false);
    // Listed by the server: it matched text the console does not hold.
    expect(matches(mine, filter({ query: 'refund' }), 'me', true)).toBe(true);
  });

  it('after a reconnect, trusts the first page for its time range and keeps older paged rows', () => {
    const list = [conversation('a', 300), conversation('gone', 250), conversation('b', 200), conversation('paged', 50)];
    const page = [conversation('new', 400), conversation('a', 300), conversation('b', 200)];
    expect(ids(replaceFirstPage(list, page, true))).toEqual(['new', 'a', 'b', 'paged']);
    expect(ids(replaceFirstPage(list, page, false))).toEqual(['new', 'a', 'b']);
  });
});
