import type { ConnectionState } from '@kefu/client';
import { t } from '../i18n.js';
import { Avatar } from './Avatar.js';
import { ChatIcon, CloseIcon } from './icons.js';

interface Props {
  state: ConnectionState;
  /** The site's name; empty: the generic title. */
  title: string;
  avatar?: string | null;
  /** Whether someone can answer now (null: not known yet). */
  available?: boolean | null;
  /** The name of an agent typing right now (possibly ''), or null. */
  typing?: string | null;
  /** Absent when the widget is not in an iframe: there is nothing to close. */
  onClose?: () => void;
}

export function Header({ state, title, avatar = null, available = null, typing = null, onClose }: Props) {
  const ready = state === 'ready';
  const status = !ready ? t.status[state] : typing !== null ? t.typing(typing) : available === false ? t.away : t.status.ready;
  const dot = !ready ? state : available === false ? 'away' : 'online';
  return (
    <header class="header">
      <Avatar url={avatar} name={title} class="header-badge" fallback={<ChatIcon />} />
      <div class="header-text">
        <h1 class="title">{title || t.title}</h1>
        <p class="status" aria-live="polite">
          <span class={`dot dot-${dot}`} aria-hidden="true" />
          {status}
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
