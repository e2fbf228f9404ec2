import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../hooks/use-i18n.js';

interface InstallPrompt extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

// Chromium fires this once, early: keep it for when the agent opens this page.
let deferred: InstallPrompt | null = null;
const waiting = new Set<() => void>();
if (typeof addEventListener === 'function') {
  addEventListener('beforeinstallprompt', (e) => {
    e.preventDefault();
    deferred = e as InstallPrompt;
    for (const w of waiting) w();
  });
}

function standalone(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(display-mode: standalone)').matches;
}

/** "Install the desktop app": the browser's own install prompt, where it offers one. */
export function InstallApp() {
  const { t } = useI18n();
  const [, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    waiting.add(bump);
    return () => void waiting.delete(bump);
  }, []);

  const install = async () => {
    const prompt = deferred;
    if (!prompt) return;
    await prompt.prompt();
    await prompt.userChoice.catch(() => undefined);
    deferred = null;
    setVersion((v) => v + 1);
  };

  return (
    <div class="settings-section" aria-labelledby="install-title">
      <div class="settings-section-header">
        <div>
          <h2 id="install-title" class="settings-title">
            {t.settings.desktopApp}
          </h2>
          <p class="settings-lead">{t.settings.desktopAppLead}</p>
        </div>
      </div>
      <div class="card card-list">
        <div class="toggle-row">
          <span class="toggle-text">
            <span class="toggle-label">{standalone() ? t.settings.installed : t.settings.install}</span>
            {!standalone() && !deferred && <span class="toggle-hint">{t.settings.installHint}</span>}
          </span>
          {deferred && (
            <button type="button" class="btn-primary btn-sm" onClick={() => void install()}>
              {t.settings.installButton}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
