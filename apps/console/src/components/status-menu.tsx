import type { AgentStatusChoice } from '@kefu/client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../hooks/use-i18n.js';
import { errorText } from '../i18n.js';
import { ChevronDownIcon } from './icons.js';
import type { MyStatus } from './use-my-status.js';
import './status.css';

const CHOICES: AgentStatusChoice[] = ['online', 'away'];

/** The agent's own status: a coloured dot and a menu (online / away). Offline is being signed out. */
export function StatusMenu({ status }: { status: MyStatus }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => root.current && !root.current.contains(e.target as Node) && setOpen(false);
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    addEventListener('pointerdown', onDown);
    addEventListener('keydown', onKey);
    return () => {
      removeEventListener('pointerdown', onDown);
      removeEventListener('keydown', onKey);
    };
  }, [open]);

  // Chose online, yet away: every console tab has been idle (auto-away).
  const idle = status.choice === 'online' && status.presence === 'away';
  const label = idle ? t.status.idle : t.presence[status.presence];
  return (
    <div class="status-menu" ref={root}>
      <button
        type="button"
        class="status-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={t.status.label(label)}
        title={t.status.label(label)}
        onClick={() => setOpen((o) => !o)}
      >
        <span class={`status-dot is-${status.presence}`} aria-hidden="true" />
        <span class="status-text">{label}</span>
        <ChevronDownIcon />
      </button>
      {open && (
        <div class="status-popover" role="menu" aria-label={t.status.menu}>
          {CHOICES.map((choice) => (
            <button
              key={choice}
              type="button"
              role="menuitemradio"
              aria-checked={status.choice === choice}
              class={`status-option ${status.choice === choice ? 'is-checked' : ''}`}
              disabled={status.saving}
              onClick={() => {
                setOpen(false);
                if (choice !== status.choice) status.choose(choice);
              }}
            >
              <span class={`status-dot is-${choice}`} aria-hidden="true" />
              <span class="status-option-text">
                <span class="status-option-title">{t.presence[choice]}</span>
                <span class="status-option-hint">{t.status.hints[choice]}</span>
              </span>
            </button>
          ))}
        </div>
      )}
      {status.error !== null && (
        <p class="status-error" role="alert">
          {errorText(t, status.error)}
        </p>
      )}
    </div>
  );
}
