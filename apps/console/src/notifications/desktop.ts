/** Desktop notifications: shown by the console's service worker, so a click can focus the console and open the chat. */

export interface DesktopAlert {
  title: string;
  body: string;
  /** One notification per tag at a time: a newer one replaces it. */
  tag: string;
  conversationId: string | null;
}

export type Permission = NotificationPermission | 'unsupported';

export function permission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Asks the browser; only ever from a click (browsers ignore or penalise prompts on load). */
export async function requestPermission(): Promise<Permission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}

const ICON = `${import.meta.env.BASE_URL}icons/icon-192.png`;

export async function showDesktop(alert: DesktopAlert, onClickFallback: (conversationId: string | null) => void): Promise<void> {
  if (permission() !== 'granted') return;
  const options: NotificationOptions & { renotify?: boolean } = {
    body: alert.body,
    tag: alert.tag,
    icon: ICON,
    badge: ICON,
    data: { conversationId: alert.conversationId },
    // Replacing the conversation's previous notification still tells the agent.
    renotify: true,
  };
  const registration = await navigator.serviceWorker?.getRegistration(import.meta.env.BASE_URL).catch(() => undefined);
  if (registration?.active) {
    await registration.showNotification(alert.title, options);
    return;
  }
  // No service worker (a plain-http origin other than localhost): a page notification.
  const n = new Notification(alert.title, options);
  n.onclick = () => {
    focus();
    onClickFallback(alert.conversationId);
    n.close();
  };
}
