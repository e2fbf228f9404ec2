import type { PresenceStatus } from '@kefu/client';

/** Initials in a circle: up to two letters, or the first character of a CJK name. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = [...words[0]!][0] ?? '?';
  if (/[\u3400-\u9fff]/.test(first)) return first;
  // "Visitor 8f3bb8" is "V", not "V8": a second initial only from a word of letters.
  const last = words.length > 1 ? words[words.length - 1]! : '';
  const second = /^\p{L}+$/u.test(last) ? [...last][0]! : '';
  return (first + second).toUpperCase();
}

interface AvatarProps {
  name: string;
  size?: 'sm' | 'md' | 'lg';
  tone?: 'neutral' | 'accent';
  /** Shown as a dot on the avatar; its label is for screen readers. */
  status?: PresenceStatus;
  statusLabel?: string;
}

export function Avatar({ name, size = 'md', tone = 'neutral', status, statusLabel }: AvatarProps) {
  return (
    <span class={`avatar avatar-${size} avatar-${tone}`}>
      <span aria-hidden="true">{initials(name)}</span>
      {status && (
        <span class={`presence-dot is-${status}`} title={statusLabel}>
          <span class="sr-only">{statusLabel}</span>
        </span>
      )}
    </span>
  );
}
