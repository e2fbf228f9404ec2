import type { Dict, Lang } from './i18n.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;

/**
 * Formatters are costly to build (locale data is resolved each time) and every inbox
 * row and bubble formats a time on each render: build each one once.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function format(lang: Lang, options: Intl.DateTimeFormatOptions, ms: number): string {
  const key = `${lang}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat(lang, options)));
  return formatter.format(ms);
}

function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

function daysBetween(earlier: number, later: number): number {
  return Math.round((startOfDay(later) - startOfDay(earlier)) / DAY_MS);
}

/** Compact, for the inbox: "now", "5m", "3h", "Yesterday", "Mon", "Mar 3", "3/3/2023". */
export function relativeTime(ms: number, now: number, t: Dict, lang: Lang): string {
  const age = Math.max(0, now - ms);
  if (age < MINUTE_MS) return t.time.now;
  if (age < HOUR_MS) return t.time.minutes(Math.floor(age / MINUTE_MS));
  const days = daysBetween(ms, now);
  if (days === 0) return t.time.hours(Math.floor(age / HOUR_MS));
  if (days === 1) return t.time.yesterday;
  if (age < WEEK_MS) return format(lang, { weekday: 'short' }, ms);
  const sameYear = new Date(ms).getFullYear() === new Date(now).getFullYear();
  return format(lang, sameYear ? { month: 'short', day: 'numeric' } : { dateStyle: 'short' }, ms);
}

/** "14:05" (or "2:05 PM"), for message bubbles. */
export function clockTime(ms: number, lang: Lang): string {
  return format(lang, { timeStyle: 'short' }, ms);
}

/** The full date and time, for tooltips. */
export function fullTime(ms: number, lang: Lang): string {
  return format(lang, { dateStyle: 'full', timeStyle: 'short' }, ms);
}

/** "Today", "Yesterday" or a date: the separators between days of a conversation. */
export function dayLabel(ms: number, now: number, t: Dict, lang: Lang): string {
  const days = daysBetween(ms, now);
  if (days === 0) return t.time.today;
  if (days === 1) return t.time.yesterday;
  const sameYear = new Date(ms).getFullYear() === new Date(now).getFullYear();
  return format(lang, { weekday: 'long', month: 'long', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }) }, ms);
}

export function sameDay(a: number, b: number): boolean {
  return startOfDay(a) === startOfDay(b);
}
