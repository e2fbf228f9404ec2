import { useI18n } from '../hooks/use-i18n.js';
import { useSecond } from '../radar/ticker.js';

function format(now: number, lang: string, timeZone: string): { time: string; offset: string } | null {
  try {
    const time = new Intl.DateTimeFormat(lang, { timeZone, hour: '2-digit', minute: '2-digit' }).format(now);
    const parts = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'shortOffset' }).formatToParts(now);
    const offset = parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
    return { time, offset };
  } catch {
    // A time zone this browser does not know.
    return null;
  }
}

/** The visitor's wall clock, from their IANA time zone, ticking. */
export function LocalTime({ timeZone }: { timeZone: string }) {
  const { lang } = useI18n();
  const now = useSecond();
  const local = format(now, lang, timeZone);
  if (!local) return <span>{timeZone}</span>;
  return (
    <span class="vp-local-time" title={timeZone}>
      {local.time}
      <span class="vp-muted"> · {local.offset.replace('GMT', 'UTC')}</span>
    </span>
  );
}
