import type { ConnectionState } from '@kefu/client';
import { t } from '../i18n.js';
import { ChatIcon, CloseIcon } from './icons.js';

interface Props {
  state: ConnectionState;
  /** The name of an agent typing right now (possibly ''), or null. */
  typing?: string | null;
  /** Absent when the widget is not in an iframe: there is nothing to close. */
  onClose?: () => void;
}

export function Header({ state, typing = null, onClose }: Props) {
  return (
    <header class="header">
      <div class="header-badge" aria-hidden="true">
        <ChatIcon />
      </div>
      <div class="header-text">
        <h1 class="title">{t.title}</h1>
        <p class="status" aria-live="polite">
          <span class={`dot dot-${state}`} aria-hidden="true" />
          {typing !== null && state === 'ready' ? t.typing(typing) : t.status[state]}
        </p>
      </div>
      {onClose && (
        <button type="button" class="icon-button" aria-label={t.close} title={t.close} onClick={onClose}>
          <CloseIcon />
        </button>
      )}
    </header>
  );
}
