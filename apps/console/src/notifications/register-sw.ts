/**
 * Registers the console's service worker (public/sw.js): the app shell for the
 * installed desktop app, and the notifications. Skipped in `vite dev`, where the
 * shell is not built and caching would only get in the way.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const base = import.meta.env.BASE_URL;
  navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).catch(() => {
    // Not allowed here (plain http on another host, private mode): the console works without it.
  });
}
