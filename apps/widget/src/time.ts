import { lang, t } from './i18n.js';

const DAY_MS = 86_400_000;

interface Formats {
  clock: Intl.DateTimeFormat;
  dayThisYear: Intl.DateTimeFormat;
  dayOtherYear: Intl.DateTimeFormat;
}

/** Built once per language: the language may change while the widget runs. */
const cache = new Map<string, Formats>();

function formats(): Formats {
  let f = cache.get(lang);
  if (!f) {
    f = {
      clock: new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' }),
      dayThisYear: new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric', weekday: 'short' }),
      dayOtherYear: new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric' }),
    };
    cache.set(lang, f);
  }
  return f;
}

export function formatTime(ms: number): string {
  return formats().clock.format(ms);
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
  const f = formats();
  return new Date(ms).getFullYear() === new Date(now).getFullYear() ? f.dayThisYear.format(ms) : f.dayOtherYear.format(ms);
}

export function dayKey(ms: number): number {
  return startOfDay(ms);
}
