import type { Message } from '@kefu/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BURST_WINDOW_MS, Notifier, type Alert, type NotifierHost } from './notifier.js';

function message(conversationId: string, seq: number, senderType: Message['senderType'] = 'visitor'): Message {
  return { id: `${conversationId}-${seq}`, conversationId, seq, clientMsgId: `c-${conversationId}-${seq}`, senderType, senderId: null, senderName: null, body: `text ${seq}`, createdAt: 0 };
}

describe('Notifier: what rings and what pops up', () => {
  let alerts: Alert[];
  let chimes: number;
  let host: NotifierHost & { live: boolean; background: boolean; watching: string | null; leader: boolean };

  beforeEach(() => {
    vi.useFakeTimers();
    alerts = [];
    chimes = 0;
    host = {
      live: true,
      background: true,
      watching: null,
      leader: true,
      isLive: () => host.live,
      isWatching: (id) => host.watching === id,
      inBackground: () => host.background,
      isLeader: () => host.leader,
      settings: () => ({ sound: true, soundWhenFocused: false, desktop: true }),
      chime: () => void chimes++,
      desktop: (alert) => void alerts.push(alert),
    };
  });
  afterEach(() => vi.useRealTimers());

  it('alerts once per conversation for a burst of its messages, and marks a first message as a new conversation', () => {
    const n = new Notifier(host);
    n.message(message('a', 1), 'Amy');
    n.message(message('a', 2), 'Amy');
    vi.advanceTimersByTime(BURST_WINDOW_MS);
    expect(alerts).toEqual([{ kind: 'message', conversationId: 'a', isNew: true, visitorName: 'Amy', body: 'text 2', count: 2 }]);
    expect(chimes).toBe(1);
  });

  it('never notifies a message twice, nor one already read, nor what arrives while not live', () => {
    const n = new Notifier(host);
    n.message(message('a', 3), 'Amy');
    vi.advanceTimersByTime(BURST_WINDOW_MS);
    n.message(message('a', 3), 'Amy');
    n.seen('b', 5);
    n.message(message('b', 5), 'Bo');
    host.live = false;
    n.message(message('c', 1), 'Cy');
    vi.advanceTimersByTime(BURST_WINDOW_MS);
    expect(alerts.map((a) => (a.kind === 'message' ? a.conversationId : a.kind))).toEqual(['a']);
  });

  it("ignores agents' messages and the conversation the agent is looking at, and only the leading tab alerts", () => {
    const n = new Notifier(host);
    n.message(message('a', 1, 'agent'), 'Amy');
    host.watching = 'b';
    n.message(message('b', 1), 'Bo');
    host.leader = false;
    n.message(message('c', 1), 'Cy');
    vi.advanceTimersByTime(BURST_WINDOW_MS);
    expect(alerts).toEqual([]);
    expect(chimes).toBe(0);
  });

  it('collapses many conversations at once into one summary and one chime', () => {
    const n = new Notifier(host);
    for (const id of ['a', 'b', 'c', 'd']) n.message(message(id, 1), id);
    n.message(message('a', 2), 'a');
    vi.advanceTimersByTime(BURST_WINDOW_MS);
    expect(alerts).toEqual([{ kind: 'burst', conversations: 4, messages: 5 }]);
    expect(chimes).toBe(1);
  });

  it('in front, rings only when asked to and shows no desktop notification', () => {
    host.background = false;
    const n = new Notifier(host);
    n.message(message('a', 1), 'Amy');
    vi.advanceTimersByTime(BURST_WINDOW_MS);
    expect(chimes).toBe(0);
    host.settings = () => ({ sound: true, soundWhenFocused: true, desktop: true });
    n.message(message('a', 2), 'Amy');
    vi.advanceTimersByTime(BURST_WINDOW_MS);
    expect(chimes).toBe(1);
    expect(alerts).toEqual([]);
  });
});
