import { useEffect, useState } from 'preact/hooks';

/**
 * One shared 1-second clock for every ticking figure (time on page, local time): each
 * subscriber re-renders alone, so hundreds of radar rows do not re-render the list.
 */
const subscribers = new Set<(now: number) => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(fn: (now: number) => void): () => void {
  subscribers.add(fn);
  timer ??= setInterval(() => {
    const now = Date.now();
    for (const s of subscribers) s(now);
  }, 1000);
  return () => {
    subscribers.delete(fn);
    if (subscribers.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

export function useSecond(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => subscribe(setNow), []);
  return now;
}

/** "0:42", "12:05", "1:02:33": reads the same in every language. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** A duration since `since`, ticking every second. */
export function Elapsed({ since }: { since: number }) {
  const now = useSecond();
  return <span class="elapsed">{formatDuration(now - since)}</span>;
}
