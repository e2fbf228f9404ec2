import { MESSAGE_BODY_MAX_CHARS, type ConversationSummary } from '@kefu/client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { CloseIcon } from '../components/icons.js';
import { useClient } from '../hooks/use-client.js';
import { useI18n } from '../hooks/use-i18n.js';
import { errorText } from '../i18n.js';
import type { RadarVisitor } from './live-visitors.js';

interface InviteDialogProps {
  visitor: RadarVisitor;
  onClose: () => void;
  onInvited: (conversation: ConversationSummary) => void;
}

/** Starts a chat with a visitor: their widget opens with this (editable) greeting. */
export function InviteDialog({ visitor, onClose, onInvited }: InviteDialogProps) {
  const { t } = useI18n();
  const client = useClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const [body, setBody] = useState(t.radar.defaultGreeting);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);

  const tooLong = body.length > MESSAGE_BODY_MAX_CHARS;
  const submit = (e: Event) => {
    e.preventDefault();
    if (!body.trim() || tooLong || sending) return;
    setSending(true);
    setError(null);
    client.invite(visitor.visitorId, body.trim()).then(
      ({ conversation }) => onInvited(conversation),
      (err: unknown) => {
        setSending(false);
        setError(errorText(t, err));
      },
    );
  };

  return (
    <dialog ref={dialog} class="dialog invite-dialog" aria-labelledby="invite-title" onClose={onClose} onCancel={onClose}>
      <form class="dialog-body" onSubmit={submit}>
        <div class="dialog-header">
          <h2 id="invite-title" class="dialog-title">
            {t.radar.inviteTitle(visitor.name)}
          </h2>
          <button type="button" class="icon-btn" aria-label={t.common.close} onClick={onClose}>
            <CloseIcon />
          </button>
        </div>
        <p class="dialog-text">{t.radar.inviteHint}</p>
        <label class="field">
          <span class="field-label">{t.radar.inviteMessage}</span>
          <textarea
            class="textarea"
            rows={4}
            value={body}
            maxLength={MESSAGE_BODY_MAX_CHARS + 1}
            aria-invalid={tooLong}
            onInput={(e) => setBody(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) submit(e);
            }}
          />
        </label>
        {tooLong && <p class="field-error">{t.composer.tooLong(MESSAGE_BODY_MAX_CHARS)}</p>}
        {error && (
          <p class="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <div class="dialog-actions">
          <button type="button" class="btn-secondary" onClick={onClose}>
            {t.common.cancel}
          </button>
          <button type="submit" class="btn-primary" disabled={sending || !body.trim() || tooLong}>
            {sending && <span class="spinner" aria-hidden="true" />}
            {t.radar.sendInvite}
          </button>
        </div>
      </form>
    </dialog>
  );
}
