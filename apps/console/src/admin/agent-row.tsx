import type { AgentAccount, AgentRole, PresenceStatus, Team } from '@kefu/client';
import { useEffect, useState } from 'preact/hooks';
import { Avatar } from '../components/avatar.js';
import { useI18n } from '../hooks/use-i18n.js';
import { errorText } from '../i18n.js';
import { resetPassword, updateAgent } from './api.js';

const PASSWORD_MIN_CHARS = 10;

interface AgentRowProps {
  account: AgentAccount;
  status: PresenceStatus;
  teams: Team[];
  isMe: boolean;
  /** Roles the signed-in admin may give (owners only by owners). */
  roles: AgentRole[];
  onChanged: () => void;
}

/** One agent: presence, role, teams, max chats, deactivate/reactivate, reset password. */
export function AgentRow({ account, status, teams, isMe, roles, onChanged }: AgentRowProps) {
  const { t } = useI18n();
  const a = t.admin.agents;
  const [confirming, setConfirming] = useState(false);
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState('');
  const [maxChats, setMaxChats] = useState(String(account.maxChats));
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  // Another admin's change arrives as a new account: show it.
  useEffect(() => setMaxChats(String(account.maxChats)), [account.maxChats]);
  const teamNames = teams.filter((team) => account.teamIds.includes(team.id)).map((team) => team.name);
  // An admin cannot change an owner's role or access unless they are an owner themselves.
  const editable = !isMe && roles.includes(account.role);

  const change = (patch: Parameters<typeof updateAgent>[1]) => {
    setNote(null);
    updateAgent(account.id, patch).then(
      () => {
        setNote({ ok: true, text: t.admin.saved });
        onChanged();
      },
      (err: unknown) => {
        setMaxChats(String(account.maxChats));
        setNote({ ok: false, text: errorText(t, err) });
      },
    );
  };

  const saveMax = () => {
    const n = Number(maxChats);
    if (!Number.isInteger(n) || n < 1 || n > 100) {
      setMaxChats(String(account.maxChats));
      return setNote({ ok: false, text: `${a.maxChats}: 1–100` });
    }
    if (n !== account.maxChats) change({ maxChats: n });
  };

  const submitPassword = (e: Event) => {
    e.preventDefault();
    if (password.length < PASSWORD_MIN_CHARS) return setNote({ ok: false, text: t.admin.invite.passwordShort });
    resetPassword(account.id, password).then(
      () => {
        setResetting(false);
        setPassword('');
        setNote({ ok: true, text: a.passwordSet });
      },
      (err: unknown) => setNote({ ok: false, text: errorText(t, err) }),
    );
  };

  return (
    <li class={`agent-row ${account.active ? '' : 'is-inactive'}`} data-agent-email={account.email}>
      <div class="agent-who">
        <Avatar name={account.name} size="sm" status={account.active ? status : undefined} statusLabel={t.presence[status]} />
        <span class="toggle-text">
          <span class="toggle-label">
            {account.name}
            {isMe && <span class="badge badge-neutral">{a.you}</span>}
            {!account.active && <span class="badge badge-offline">{a.deactivated}</span>}
          </span>
          <span class="toggle-hint">{account.email}</span>
          <span class="toggle-hint">{teamNames.length > 0 ? teamNames.join(', ') : a.noTeams}</span>
        </span>
      </div>
      <div class="agent-controls">
        <select class="select" aria-label={a.roleFor(account.name)} value={account.role} disabled={!editable} onChange={(e) => change({ role: e.currentTarget.value as AgentRole })}>
          {(['owner', 'admin', 'agent'] as const)
            .filter((r) => roles.includes(r) || r === account.role)
            .map((r) => (
              <option key={r} value={r}>
                {t.team.roles[r]}
              </option>
            ))}
        </select>
        <label class="agent-max">
          <span>{a.maxChats}</span>
          <input
            type="number"
            min={1}
            max={100}
            aria-label={a.maxChatsFor(account.name)}
            value={maxChats}
            onInput={(e) => setMaxChats(e.currentTarget.value)}
            onBlur={saveMax}
            onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), saveMax())}
          />
        </label>
        {editable && (
          <>
            <button type="button" class="btn-secondary btn-sm" onClick={() => setResetting(!resetting)} aria-expanded={resetting}>
              {a.resetPassword}
            </button>
            <button type="button" class={account.active ? 'btn-secondary btn-sm' : 'btn-primary btn-sm'} onClick={() => setConfirming(true)} disabled={confirming}>
              {account.active ? a.deactivate : a.reactivate}
            </button>
          </>
        )}
      </div>
      {confirming && (
        <div class="confirm-row" role="alertdialog" aria-label={account.active ? a.deactivate : a.reactivate}>
          <span>{account.active ? a.confirmDeactivate(account.name) : a.confirmReactivate(account.name)}</span>
          <button type="button" class="btn-secondary btn-sm" onClick={() => setConfirming(false)}>
            {t.common.cancel}
          </button>
          <button
            type="button"
            class={account.active ? 'btn-danger btn-sm' : 'btn-primary btn-sm'}
            onClick={() => {
              setConfirming(false);
              change({ active: !account.active });
            }}
          >
            {account.active ? a.deactivate : a.reactivate}
          </button>
        </div>
      )}
      {resetting && (
        <form class="confirm-row" onSubmit={submitPassword} noValidate>
          <input type="password" autoComplete="new-password" aria-label={a.newPasswordFor(account.name)} placeholder={t.admin.invite.passwordHint} value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
          <button type="submit" class="btn-primary btn-sm">
            {a.setPassword}
          </button>
        </form>
      )}
      {note && (
        <span class={`agent-note ${note.ok ? 'field-hint' : 'field-error'}`} role={note.ok ? 'status' : 'alert'}>
          {note.text}
        </span>
      )}
    </li>
  );
}
