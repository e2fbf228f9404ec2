import type { AgentClient } from '@kefu/client';
import { useEffect } from 'preact/hooks';
import { usePreferences } from './preferences.js';

const MINUTE_MS = 60_000;
/** What counts as the agent being at work in this tab. */
const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Reports this tab idle after the chosen minutes without input and active again on the
 * next input, through the SDK's presence (`setAway`): the server shows the agent away
 * only while every one of their console tabs is idle, so working in another tab keeps
 * them online. A status of "away" chosen in the menu is separate and stays.
 */
export function useAutoAway(client: AgentClient): void {
  const { autoAwayMinutes } = usePreferences();
  useEffect(() => {
    if (autoAwayMinutes === 0) {
      client.setAway(false);
      return;
    }
    let idle = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        idle = true;
        client.setAway(true);
      }, autoAwayMinutes * MINUTE_MS);
    };
    // Pointer moves come in floods: re-arm at most once a second.
    let lastInput = 0;
    const onInput = () => {
      const now = Date.now();
      if (idle) {
        idle = false;
        client.setAway(false);
      } else if (now - lastInput < 1000) {
        return;
      }
      lastInput = now;
      arm();
    };
    for (const type of INPUT_EVENTS) addEventListener(type, onInput, { passive: true, capture: true });
    arm();
    return () => {
      clearTimeout(timer);
      for (const type of INPUT_EVENTS) removeEventListener(type, onInput, { capture: true });
      if (idle) client.setAway(false);
    };
  }, [client, autoAwayMinutes]);
}
