import { describe, expect, it } from 'vitest';
import { openAt } from './hours.js';

const weekdays = [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' }));

describe('openAt', () => {
  it('is always open without business hours', () => {
    expect(openAt(null, Date.UTC(2026, 11, 6, 3, 0))).toBe(true);
  });

  it('reads the clock of the hours’ own time zone', () => {
    const shanghai = { timeZone: 'Asia/Shanghai', spans: weekdays };
    // Tuesday 2026-12-01 01:30 UTC is 09:30 in Shanghai: open; 10:30 UTC is 18:30 there: closed.
    expect(openAt(shanghai, Date.UTC(2026, 11, 1, 1, 30))).toBe(true);
    expect(openAt(shanghai, Date.UTC(2026, 11, 1, 10, 30))).toBe(false);
    // Saturday 2026-12-05 03:00 UTC is Saturday 11:00 in Shanghai: closed all day.
    expect(openAt(shanghai, Date.UTC(2026, 11, 5, 3, 0))).toBe(false);
  });

  it('treats `to` as exclusive and the day boundary by the zone’s calendar', () => {
    const ny = { timeZone: 'America/New_York', spans: [{ day: 0, from: '00:00', to: '24:00' }] };
    // Monday 2026-12-07 03:00 UTC is still Sunday 22:00 in New York.
    expect(openAt(ny, Date.UTC(2026, 11, 7, 3, 0))).toBe(true);
    expect(openAt(ny, Date.UTC(2026, 11, 7, 5, 0))).toBe(false);
    const morning = { timeZone: 'UTC', spans: [{ day: 2, from: '09:00', to: '12:00' }] };
    expect(openAt(morning, Date.UTC(2026, 11, 1, 12, 0))).toBe(false);
    expect(openAt(morning, Date.UTC(2026, 11, 1, 11, 59))).toBe(true);
  });

  it('stays open when the time zone is unknown rather than hiding the chat', () => {
    expect(openAt({ timeZone: 'Mars/Olympus', spans: [] }, Date.now())).toBe(true);
  });
});
