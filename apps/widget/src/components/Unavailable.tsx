import { t } from '../i18n.js';
import { AlertIcon } from './icons.js';

export type UnavailableReason = 'ORIGIN_NOT_ALLOWED' | 'SITE_NOT_FOUND' | 'MISSING_SITE' | 'PROTOCOL_UNSUPPORTED' | 'IDENTITY_REJECTED' | 'other';

/** Instead of a chat that can never connect: what went wrong, and what can be done. */
export function Unavailable({ reason }: { reason: UnavailableReason }) {
  // Only a newer release or a passing failure can be fixed by reloading; a refused origin or key cannot.
  const canReload = reason === 'PROTOCOL_UNSUPPORTED' || reason === 'other';
  return (
    <div class="unavailable" role="alert">
      <div class="unavailable-icon">
        <AlertIcon size={28} />
      </div>
      <h2>{t.unavailable.title}</h2>
      <p>{t.unavailable[reason]}</p>
      {canReload && (
        <button type="button" class="button" onClick={() => location.reload()}>
          {t.unavailable.reload}
        </button>
      )}
    </div>
  );
}

export function unavailableReason(code: string | undefined): UnavailableReason {
  switch (code) {
    case 'ORIGIN_NOT_ALLOWED':
    case 'SITE_NOT_FOUND':
    case 'PROTOCOL_UNSUPPORTED':
    case 'IDENTITY_REJECTED':
      return code;
    default:
      return 'other';
  }
}
