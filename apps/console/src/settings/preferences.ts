import { useEffect, useState } from 'preact/hooks';

/** Minutes without input before the console reports the agent away; 0 is off. */
export const AUTO_AWAY_CHOICES = [0, 5, 15, 30] as const;
export type AutoAwayMinutes = (typeof AUTO_AWAY_CHOICES)[number];

/** What this browser's agent chose; kept per browser (localStorage), not per account. */
export interface Preferences {
  /** A chime for new conversations and visitor messages. */
  sound: boolean;
  /** Also while the console is the focused window (else only in the background). */
  soundWhenFocused: boolean;
  /** Desktop notifications while the console is in the background (the browser's permission aside). */
  desktop: boolean;
  /** The banner offering desktop notifications was dismissed. */
  desktopBannerDismissed: boolean;
  autoAwayMinutes: AutoAwayMinutes;
}

export const DEFAULT_PREFERENCES: Preferences = {
  sound: true,
  soundWhenFocused: false,
  desktop: true,
  desktopBannerDismissed: false,
  autoAwayMinutes: 15,
};

const KEY = 'kefu:console:prefs';
const listeners = new Set<(prefs: Preferences) => void>();
let current: Preferences | null = null;

function load(): Preferences {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Preferences>;
    const prefs = { ...DEFAULT_PREFERENCES };
    for (const key of Object.keys(prefs) as (keyof Preferences)[]) {
      if (typeof saved[key] === typeof prefs[key]) (prefs as Record<string, unknown>)[key] = saved[key];
    }
    if (!AUTO_AWAY_CHOICES.includes(prefs.autoAwayMinutes)) prefs.autoAwayMinutes = DEFAULT_PREFERENCES.autoAwayMinutes;
    return prefs;
  } catch {
    // Unreadable or blocked storage: the defaults.
    return { ...DEFAULT_PREFERENCES };
  }
}

export function preferences(): Preferences {
  current ??= load();
  return current;
}

export function updatePreferences(change: Partial<Preferences>): void {
  current = { ...preferences(), ...change };
  try {
    localStorage.setItem(KEY, JSON.stringify(current));
  } catch {
    // Not persisted; the choice still holds for this page.
  }
  for (const listener of listeners) listener(current);
}

// Another tab of the console changed them: follow.
if (typeof addEventListener === 'function') {
  addEventListener('storage', (event) => {
    if (event.key !== KEY) return;
    current = load();
    for (const listener of listeners) listener(current);
  });
}

export function usePreferences(): Preferences {
  const [prefs, setPrefs] = useState(preferences);
  useEffect(() => {
    listeners.add(setPrefs);
    setPrefs(preferences());
    return () => void listeners.delete(setPrefs);
  }, []);
  return prefs;
}
