/**
 * The browser's page lifecycle, reduced to what a chat connection cares about. Each
 * returns an unsubscribe function; outside browsers they do nothing.
 *
 * - `hide`: `pagehide`. The page may be entering the back/forward cache, which refuses
 *   pages with open sockets: close ours so the page stays cacheable.
 * - `wake`: `pageshow` from the back/forward cache, `online`, `resume` (a frozen page
 *   thawed), and `visibilitychange` to visible. The network or the page may have slept:
 *   reconnect at once if the socket is down (skipping any backoff), else catch up. (A
 *   page's first `pageshow` is no such sign: waking then would only abort the first
 *   connection attempt, still in flight, and start another.)
 * - `visibility`: every `visibilitychange`, for presence (a hidden tab is "away").
 */

/** Whether the page is visible; true outside browsers. */
export const pageVisible = (): boolean => typeof document === 'undefined' || document.visibilityState !== 'hidden';
export function watchPage(handlers: { hide(): void; wake(): void; visibility(visible: boolean): void }): () => void {
  if (typeof window === 'undefined' || typeof document === 'undefined') return () => {};
  const onVisibility = () => {
    const visible = document.visibilityState === 'visible';
    handlers.visibility(visible);
    if (visible) handlers.wake();
  };
  const hide = () => handlers.hide();
  const wake = () => handlers.wake();
  const show = (event: PageTransitionEvent) => {
    if (event.persisted) handlers.wake();
  };
  window.addEventListener('pagehide', hide);
  window.addEventListener('pageshow', show);
  window.addEventListener('online', wake);
  document.addEventListener('resume', wake);
  document.addEventListener('visibilitychange', onVisibility);
  return () => {
    window.removeEventListener('pagehide', hide);
    window.removeEventListener('pageshow', show);
    window.removeEventListener('online', wake);
    document.removeEventListener('resume', wake);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}
