import { useEffect, useState } from 'preact/hooks';

const TICK_MS = 30_000;

/** The current time, refreshed every 30 s so relative times ("5m") stay true. */
export function useNow(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}
