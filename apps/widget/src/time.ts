import { lang, t } from './i18n.js';

const DAY_MS = 86_400_000;
const clock = new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' });
const dayThisYear = new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric', weekday: 'short' });
const dayOtherYear = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric' });

export function formatTime(ms: number): string {
  return clock.format(ms);
}

function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** The separator above a day's first message: "Today", "Yesterday", "Mon, Mar 3", "Mar 3, 2023". */
export function formatDay(ms: number, now = Date.now()): string {
  const day = startOfDay(ms);
  const today = startOfDay(now);
  if (day === today) return t.today;
  // Rounded: a daylight-saving day is 23 or 25 hours long.
  if (Math.round((today - day) / DAY_MS) === 1) return t.yesterday;
  return new Date(ms).getFullYear() === new Date(now).getFullYear() ? dayThisYear.format(ms) : dayOtherYear.format(ms);
}

export function dayKey(ms: number): number {
  return startOfDay(ms);
}
