import type { BusinessHours } from './models.js';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * Whether `now` falls inside the business hours, read on the wall clock of their time
 * zone (so daylight-saving changes need no special case). No hours (null): always open.
 * An unknown time zone counts as always open: a typo must not hide the chat forever.
 *
 * @example openAt({ timeZone: 'Asia/Shanghai', spans: [{ day: 1, from: '09:00', to: '18:00' }] }, Date.now())
 */
export function openAt(hours: BusinessHours | null, now: number): boolean {
  if (!hours) return true;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone: hours.timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  } catch {
    return true;
  }
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = WEEKDAYS.indexOf(part('weekday'));
  const clock = `${part('hour').padStart(2, '0')}:${part('minute').padStart(2, '0')}`;
  return hours.spans.some((span) => span.day === day && span.from <= clock && clock < span.to);
}
