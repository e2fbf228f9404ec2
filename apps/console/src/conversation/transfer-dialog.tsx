import { NOTE_BODY_MAX_CHARS, type AgentPresence } from '@kefu/client';
import { useState } from 'preact/hooks';
import { Avatar } from '../components/avatar.js';
import { useI18n } from '../hooks/use-i18n.js';
import { Modal } from './modal.js';

interface TransferDialogProps {
  visitorName: string;
  colleagues: AgentPresence[];
  onTransfer: (agentId: string, note: string) => Promise<boolean>;
  onClose: () => void;
}

/** Pick a colleague (with their presence), add an optional note for them, transfer. */
export function TransferDialog({ visitorName, colleagues, onTransfer, onClose }: TransferDialogProps) {
  const { t } = useI18n();
  const order = { online: 0, away: 1, offline: 2 } as const;
  const sorted = [...colleagues].sort((a, b) => order[a.status] - order[b.status] || a.name.localeCompare(b.name));
  const [chosen, setChosen] = useState<string | null>(sorted.find((a) => a.status === 'online')?.id ?? sorted[0]?.id ?? null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!chosen || busy) return;
    setBusy(true);
    const done = await onTransfer(chosen, note.trim());
    setBusy(false);
    if (done) onClose();
  };

  return (
    <Modal title={t.desk.transferTitle} closeLabel={t.desk.cancel} onClose={onClose}>
      <form class="transfer-form" onSubmit={(e) => void submit(e)}>
        <p class="modal-body">{t.desk.transferBody(visitorName)}</p>
        {sorted.length === 0 ? (
          <p class="modal-empty">{t.desk.noColleagues}</p>
        ) : (
          <fieldset class="transfer-list">
            <legend class="sr-only">{t.desk.transferTo}</legend>
            {sorted.map((a) => (
              <label key={a.id} class={`transfer-option ${chosen === a.id ? 'is-chosen' : ''}`}>
                <input type="radio" name="transfer-to" value={a.id} checked={chosen === a.id} onChange={() => setChosen(a.id)} />
                <Avatar name={a.name} size="sm" status={a.status} statusLabel={t.presence[a.status]} />
                <span class="transfer-name">{a.name}</span>
                <span class={`transfer-status is-${a.status}`}>{t.presence[a.status]}</span>
              </label>
            ))}
          </fieldset>
        )}
        <label class="field">
          <span>{t.desk.transferNote}</span>
          <textarea
            class="transfer-note"
            rows={3}
            maxLength={NOTE_BODY_MAX_CHARS}
            placeholder={t.desk.transferNotePlaceholder}
            value={note}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
        </label>
        <div class="modal-actions">
          <button type="button" class="btn-secondary" onClick={onClose}>
            {t.desk.cancel}
          </button>
          <button type="submit" class="btn-primary" disabled={!chosen || busy}>
            {busy && <span class="spinner" aria-hidden="true" />}
            {t.desk.transferConfirm}
          </button>
        </div>
      </form>
    </Modal>
  );
}
