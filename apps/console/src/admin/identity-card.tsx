import { useRef, useState } from 'preact/hooks';
import { useI18n } from '../hooks/use-i18n.js';
import { errorText } from '../i18n.js';
import { rotateIdentitySecret } from './api.js';
import { CopyButton } from './copy-button.js';

interface IdentityCardProps {
  siteId: string;
  secret: string | null;
  onRotated: (secret: string) => void;
  enforced: boolean;
  onEnforced: (on: boolean) => void;
  error?: string;
}

/** The identity secret (hidden until revealed), Rotate behind a confirmation, and the enforce toggle (saved with the form). */
export function IdentityCard({ siteId, secret, onRotated, enforced, onEnforced, error }: IdentityCardProps) {
  const { t } = useI18n();
  const s = t.admin.sites;
  const [shown, setShown] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const rotate = () => {
    setBusy(true);
    rotateIdentitySecret(siteId).then(
      (next) => {
        setBusy(false);
        setConfirming(false);
        setShown(true);
        setNote({ ok: true, text: s.rotated });
        onRotated(next);
      },
      (err: unknown) => {
        setBusy(false);
        setConfirming(false);
        setNote({ ok: false, text: errorText(t, err) });
      },
    );
  };

  return (
    <section class="card admin-card" aria-labelledby={`identity-${siteId}`}>
      <h3 class="admin-card-title" id={`identity-${siteId}`}>
        {s.identity}
      </h3>
      <p class="field-hint">{s.identityLead}</p>
      {secret !== null && (
        <div class="field">
          <span class="field-label" id={`secret-label-${siteId}`}>
            {s.secret}
          </span>
          <div class="secret-row">
            <input ref={input} class="mono" readOnly type={shown ? 'text' : 'password'} value={secret} aria-labelledby={`secret-label-${siteId}`} />
            <button type="button" class="btn-secondary btn-sm" aria-pressed={shown} onClick={() => setShown(!shown)}>
              {shown ? s.hide : s.reveal}
            </button>
            {shown && <CopyButton text={secret} target={() => input.current} />}
            {!confirming && (
              <button type="button" class="btn-secondary btn-sm" onClick={() => setConfirming(true)}>
                {s.rotate}
              </button>
            )}
          </div>
          {confirming && (
            <div class="confirm-row" role="alertdialog" aria-label={s.rotate}>
              <span>{s.rotateConfirm}</span>
              <button type="button" class="btn-secondary btn-sm" onClick={() => setConfirming(false)}>
                {t.common.cancel}
              </button>
              <button type="button" class="btn-danger btn-sm" disabled={busy} onClick={rotate}>
                {s.rotate}
              </button>
            </div>
          )}
          {note && (
            <span class={note.ok ? 'field-hint' : 'field-error'} role={note.ok ? 'status' : 'alert'}>
              {note.text}
            </span>
          )}
        </div>
      )}
      <label class="toggle-row admin-toggle">
        <span class="toggle-text">
          <span class="toggle-label">{s.enforce}</span>
          <span class="toggle-hint">{s.enforceHint}</span>
        </span>
        <input type="checkbox" class="switch" role="switch" checked={enforced} onChange={(e) => onEnforced(e.currentTarget.checked)} />
      </label>
      {error && (
        <span class="field-error" role="alert">
          {error}
        </span>
      )}
    </section>
  );
}
