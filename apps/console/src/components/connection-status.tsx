import type { ConnectionState } from '@kefu/client';
import { useI18n } from '../hooks/use-i18n.js';

const TONE: Record<ConnectionState, 'ok' | 'busy' | 'bad'> = {
  idle: 'busy',
  connecting: 'busy',
  ready: 'ok',
  reconnecting: 'busy',
  failed: 'bad',
  closed: 'bad',
};

export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const { t } = useI18n();
  return (
    <div class={`conn conn-${TONE[state]}`} role="status" title={t.connection.states[state]}>
      <span class="conn-dot" aria-hidden="true" />
      <span class="conn-label">{t.connection.states[state]}</span>
      {/* The client gives up only on refusals it cannot fix itself (e.g. a new protocol version). */}
      {state === 'failed' && (
        <button type="button" class="btn-link conn-reload" onClick={() => location.reload()}>
          {t.connection.reload}
        </button>
      )}
    </div>
  );
}
