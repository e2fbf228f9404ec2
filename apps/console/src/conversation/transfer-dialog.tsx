import { NOTE_BODY_MAX_CHARS, type AgentPresence } from '@kefu/client';
import { useState } from 'preact/hooks';
import { useTeams } from '../admin/use-teams.js';
import { Avatar } from '../components/avatar.js';
import { useClient } from '../hooks/use-client.js';
import { useI18n } from '../hooks/use-i18n.js';
import { Modal } from './modal.js';

interface TransferDialogProps {
  visitorName: string;
  colleagues: AgentPresence[];
  /** To a colleague, or to a team (routing picks one of its agents). */
  onTransfer: (to: { agentId?: string; teamId?: string }, note: string) => Promise<boolean>;
  onClose: () => void;
}

/** Pick a colleague (with their presence) or a team, add an optional note for them, transfer. */
export function TransferDialog({ visitorName, colleagues, onTransfer, onClose }: TransferDialogProps) {
  const { t } = useI18n();
  const order = { online: 0, away: 1, offline: 2 } as const;
  const sorted = [...colleagues].sort((a, b) => order[a.status] - order[b.status] || a.name.localeCompare(b.name));
  const [chosen, setChosen] = useState<string | null>(sorted.find((a) => a.status === 'online')?.id ?? sorted[0]?.id ?? null);
  const [note, setNote] = useState('');
  const teams = useTeams(useClient());
  const [target, setTarget] = useState<'agent' | 'team'>('agent');
  const [team, setTeam] = useState<string | null>(null);
  const chosenTeam = team ?? teams[0]?.id ?? null;
  const ready = target === 'agent' ? !!chosen : !!chosenTeam;
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    const done = await onTransfer(target === 'agent' ? { agentId: chosen! } : { teamId: chosenTeam! }, note.trim());
    setBusy(false);
    if (done) onClose();
  };

  return (
    <Modal title={t.desk.transferTitle} closeLabel={t.desk.cancel} onClose={onClose}>
      <form class="transfer-form" onSubmit={(e) => void submit(e)}>
        <p class="modal-body">{t.desk.transferBody(visitorName)}</p>
        {teams.length > 0 && (
          <div class="segmented transfer-target" role="radiogroup" aria-label={t.desk.transferTo}>
            {(['agent', 'team'] as const).map((to) => (
              <label key={to} class={target === to ? 'is-active' : ''}>
                <input type="radio" name="transfer-target" checked={target === to} onChange={() => setTarget(to)} />
                {to === 'agent' ? t.admin.transfer.toColleague : t.admin.transfer.toTeam}
              </label>
            ))}
          </div>
        )}
        {target === 'team' ? (
          <fieldset class="transfer-list">
            <legend class="sr-only">{t.admin.transfer.team}</legend>
            {teams.map((x) => (
              <label key={x.id} class={`transfer-option ${chosenTeam === x.id ? 'is-chosen' : ''}`}>
                <input type="radio" name="transfer-team" value={x.id} checked={chosenTeam === x.id} onChange={() => setTeam(x.id)} />
                <Avatar name={x.name} size="sm" />
                <span class="transfer-name">{x.name}</span>
                <span class="transfer-status">{t.admin.teams.memberCount(x.agentIds.length)}</span>
              </label>
            ))}
            <p class="modal-body transfer-team-hint">{t.admin.transfer.teamHint}</p>
          </fieldset>
        ) : sorted.length === 0 ? (
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
          <button type="submit" class="btn-primary" disabled={!ready || busy}>
            {busy && <span class="spinner" aria-hidden="true" />}
            {t.desk.transferConfirm}
          </button>
        </div>
      </form>
    </Modal>
  );
}
