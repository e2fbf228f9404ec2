import { useEffect, useState } from 'preact/hooks';
import { BellIcon, CloseIcon } from '../components/icons.js';
import { useI18n } from '../hooks/use-i18n.js';
import { updatePreferences, usePreferences } from '../settings/preferences.js';
import { permission, requestPermission, type Permission } from './desktop.js';
import './notifications.css';

/** Until the console has been usable for a moment, no banner: never anything on load. */
const SHOW_AFTER_MS = 4000;

/** A dismissible offer to turn desktop notifications on; the browser's prompt only follows a click. */
export function NotificationBanner({ ready }: { ready: boolean }) {
  const { t } = useI18n();
  const prefs = usePreferences();
  const [state, setState] = useState<Permission>(permission);
  const [due, setDue] = useState(false);

  useEffect(() => {
    if (!ready || due) return;
    const timer = setTimeout(() => setDue(true), SHOW_AFTER_MS);
    return () => clearTimeout(timer);
  }, [ready, due]);

  if (!due || state !== 'default' || !prefs.desktop || prefs.desktopBannerDismissed) return null;
  return (
    <div class="notify-banner" role="region" aria-label={t.notify.bannerTitle}>
      <span class="notify-banner-icon" aria-hidden="true">
        <BellIcon />
      </span>
      <div class="notify-banner-text">
        <p class="notify-banner-title">{t.notify.bannerTitle}</p>
        <p class="notify-banner-body">{t.notify.bannerBody}</p>
        <div class="notify-banner-actions">
          <button type="button" class="btn-primary btn-sm" onClick={() => void requestPermission().then(setState)}>
            {t.notify.enable}
          </button>
          <button type="button" class="btn-ghost btn-sm" onClick={() => updatePreferences({ desktopBannerDismissed: true })}>
            {t.notify.notNow}
          </button>
        </div>
      </div>
      <button type="button" class="icon-btn notify-banner-close" aria-label={t.common.close} onClick={() => updatePreferences({ desktopBannerDismissed: true })}>
        <CloseIcon />
      </button>
    </div>
  );
}
