import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

interface Props {
  /** An http(s) image; null or a failed load shows `fallback` (or the name's initial). */
  url: string | null;
  name: string;
  class?: string;
  fallback?: ComponentChildren;
}

/** An agent's (or the team's) picture; decorative: the name is always written next to it. */
export function Avatar({ url, name, class: className = 'avatar', fallback }: Props) {
  // The URL that failed, not a flag: a flag reset by an effect when the URL changes can
  // lose the race with a fast error (a 404 from nearby) and show a broken image for good.
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  return (
    <span class={className} aria-hidden="true">
      {url && url !== failedUrl ? <img src={url} alt="" referrerpolicy="no-referrer" decoding="async" onError={() => setFailedUrl(url)} /> : (fallback ?? initial(name))}
    </span>
  );
}

export function initial(name: string): string {
  return Array.from(name.trim())[0]?.toUpperCase() ?? '?';
}
