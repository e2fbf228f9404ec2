import type { BusinessHours } from '@kefu/protocol';
import { openAt } from '@kefu/protocol';
import { useEffect, useState } from 'preact/hooks';

/** Business hours are checked again this often, so the widget opens and closes on time. */
export const AVAILABILITY_CHECK_MS = 60_000;

/**
 * Whether a visitor can expect a reply now: an agent is connected and the site is
 * within its business hours. Otherwise the widget offers to leave a message.
 */
export function isAvailable(agentsOnline: boolean | undefined, hours: BusinessHours | null | undefined, now: number): boolean {
  return agentsOnline === true && openAt(hours ?? null, now);
}

/** The current time, refreshed every `everyMs` (a re-render each time). */
export function useNow(everyMs = AVAILABILITY_CHECK_MS): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
