import { useState } from 'preact/hooks';
import { useI18n } from '../hooks/use-i18n.js';
import { permission, requestPermission, showDesktop, type Permission } from '../notifications/desktop.js';
import { playChime } from '../notifications/sound.js';
import { AUTO_AWAY_CHOICES, updatePreferences, usePreferences, type AutoAwayMinutes } from './preferences.js';

function Toggle({ label, hint, checked, disabled, onChange }: { label: string; hint?: string; checked: boolean; disabled?: boolean; onChange: (v: boolean) => void }) {
  return (
    <label class={`toggle-row ${disabled ? 'is-disabled' : ''}`}>
      <span class="toggle-text">
        <span class="toggle-label">{label}</span>
        {hint && <span class="toggle-hint">{hint}</span>}
      </span>
      <input type="checkbox" role="switch" class="switch" checked={checked} disabled={disabled} onChange={(e) => onChange(e.currentTarget.checked)} />
    </label>
  );
}

/** Sound and desktop notifications, per browser. */
export function NotificationSettings() {
  const { t } = useI18n();
  const prefs = usePreferences();
  const [perm, setPerm] = useState<Permission>(permission);

  return (
    <div class="settings-section" aria-labelledby="notify-title">
      <div class="settings-section-header">
        <div>
          <h2 id="notify-title" class="settings-title">
            {t.settings.notifications}
          </h2>
          <p class="settings-lead">{t.settings.perBrowser}</p>
        </div>
      </div>
      <div class="card card-list">
        <Toggle label={t.settings.sound} hint={t.settings.soundHint} checked={prefs.sound} onChange={(sound) => updatePreferences({ sound })} />
        <Toggle
          label={t.settings.soundWhenFocused}
          hint={t.settings.soundWhenFocusedHint}
          checked={prefs.soundWhenFocused}
          disabled={!prefs.sound}
          onChange={(soundWhenFocused) => updatePreferences({ soundWhenFocused })}
        />
        <div class="toggle-row">
          <span class="toggle-text">
            <span class="toggle-label">{t.settings.testSound}</span>
          </span>
          <button type="button" class="btn-secondary btn-sm" onClick={playChime}>
            {t.settings.play}
          </button>
        </div>
      </div>
      <div class="card card-list">
        <Toggle label={t.settings.desktop} hint={t.settings.desktopHint} checked={prefs.desktop} onChange={(desktop) => updatePreferences({ desktop })} />
        <div class="toggle-row">
          <span class="toggle-text">
            <span class="toggle-label">{t.settings.permission}</span>
            <span class="toggle-hint">{t.settings.permissionStates[perm]}</span>
          </span>
          {perm === 'default' && (
            <button type="button" class="btn-primary btn-sm" onClick={() => void requestPermission().then(setPerm)}>
              {t.notify.enable}
            </button>
          )}
          {perm === 'granted' && (
            <button
              type="button"
              class="btn-secondary btn-sm"
              onClick={() => void showDesktop({ title: t.settings.testTitle, body: t.settings.testBody, tag: 'kefu:test', conversationId: null }, () => undefined)}
            >
              {t.settings.sendTest}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}

/** Auto-away after minutes without input, per browser. */
export function AwaySettings() {
  const { t } = useI18n();
  const prefs = usePreferences();
  return (
    <div class="settings-section" aria-labelledby="away-title">
      <div class="settings-section-header">
        <div>
          <h2 id="away-title" class="settings-title">
            {t.settings.status}
          </h2>
          <p class="settings-lead">{t.settings.autoAwayLead}</p>
        </div>
      </div>
      <div class="card card-list">
        <label class="toggle-row">
          <span class="toggle-text">
            <span class="toggle-label">{t.settings.autoAway}</span>
            <span class="toggle-hint">{t.settings.autoAwayHint}</span>
          </span>
          <select
            class="select"
            value={String(prefs.autoAwayMinutes)}
            onChange={(e) => updatePreferences({ autoAwayMinutes: Number(e.currentTarget.value) as AutoAwayMinutes })}
          >
            {AUTO_AWAY_CHOICES.map((m) => (
              <option key={m} value={String(m)}>
                {m === 0 ? t.settings.off : t.settings.minutes(m)}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}
