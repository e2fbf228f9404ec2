import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

interface Props {
  /** An http(s) image; null or a failed load shows `fallback` (or the name's initial). */
  url: string | null;
  name: string;
  class?: string;
  fallback?: ComponentChildren;
}

/** An agent's (or the team's) picture; decorative: the name is always written next to it. */
export function Avatar({ url, name, class: className = 'avatar', fallback }: Props) {
  const [failed, setFailed] = useState(false);
  useEffect(() => setFailed(false), [url]);
  return (
    <span class={className} aria-hidden="true">
      {url && !failed ? <img src={url} alt="" referrerpolicy="no-referrer" decoding="async" onError={() => setFailed(true)} /> : (fallback ?? initial(name))}
    </span>
  );
}

export function initial(name: string): string {
  return Array.from(name.trim())[0]?.toUpperCase() ?? '?';
}
