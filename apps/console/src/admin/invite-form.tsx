import { KefuError, type AgentRole, type Invitation, type Team } from '@kefu/client';
import { useRef, useState } from 'preact/hooks';
import { useI18n } from '../hooks/use-i18n.js';
import { errorText } from '../i18n.js';
import { inviteAgent } from './api.js';
import { CopyButton } from './copy-button.js';

interface InviteFormProps {
  /** Only owners invite owners (the server says FORBIDDEN otherwise). */
  roles: AgentRole[];
  teams: Team[];
  onDone: () => void;
  onInvited: () => void;
}

type Errors = Partial<Record<'email' | 'name' | 'form', string>>;

/** Email, name, role and teams → a link shown once, with a Copy button and its expiry. */
export function InviteForm({ roles, teams, onDone, onInvited }: InviteFormProps) {
  const { t, lang } = useI18n();
  const a = t.admin.agents;
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<AgentRole>('agent');
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const link = useRef<HTMLInputElement>(null);

  const submit = (e: Event) => {
    e.preventDefault();
    const found: Errors = {};
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) found.email = a.emailInvalid;
    if (!name.trim()) found.name = a.nameRequired;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    inviteAgent({ email: email.trim(), name: name.trim(), role, teamIds }).then(
      (made) => {
        setBusy(false);
        setInvitation(made);
        onInvited();
      },
      (err: unknown) => {
        setBusy(false);
        const field = err instanceof KefuError ? err.path?.split('.')[0] : undefined;
        if (err instanceof KefuError && (field === 'email' || field === 'name')) setErrors({ [field]: `${t.admin.invalid}: ${err.message}` });
        else if (err instanceof KefuError && err.code === 'CONFLICT') setErrors({ email: errorText(t, err) });
        else setErrors({ form: errorText(t, err) });
      },
    );
  };

  if (invitation) {
    const expires = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(invitation.expiresAt);
    return (
      <div class="card admin-inline-form invite-result" role="status">
        <p class="toggle-label">{a.linkFor(invitation.email)}</p>
        <p class="field-hint">{a.linkLead}</p>
        <div class="secret-row">
          <input ref={link} class="mono" readOnly value={invitation.url} aria-label={a.linkFor(invitation.email)} data-testid="invite-link" onFocus={(e) => e.currentTarget.select()} />
          <CopyButton text={invitation.url} target={() => link.current} />
        </div>
        <p class="field-hint">{a.expires(expires)}</p>
        <div class="admin-actions">
          <button type="button" class="btn-primary" onClick={onDone}>
            {a.done}
          </button>
        </div>
      </div>
    );
  }

  return (
    <form class="card admin-inline-form" onSubmit={submit} noValidate aria-label={a.invite}>
      <div class="admin-grid admin-grid-2">
        <label class="field">
          <span class="field-label">{a.email}</span>
          <input type="email" autoFocus value={email} aria-invalid={errors.email ? true : undefined} onInput={(e) => setEmail(e.currentTarget.value)} />
          {errors.email && (
            <span class="field-error" role="alert">
              {errors.email}
            </span>
          )}
        </label>
        <label class="field">
          <span class="field-label">{a.name}</span>
          <input value={name} maxLength={120} aria-invalid={errors.name ? true : undefined} onInput={(e) => setName(e.currentTarget.value)} />
          {errors.name && (
            <span class="field-error" role="alert">
              {errors.name}
            </span>
          )}
        </label>
      </div>
      <label class="field">
        <span class="field-label">{a.role}</span>
        <select class="select" value={role} onChange={(e) => setRole(e.currentTarget.value as AgentRole)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {t.team.roles[r]}
            </option>
          ))}
        </select>
      </label>
      {teams.length > 0 && (
        <fieldset class="field admin-fieldset">
          <legend class="field-label">{a.teams}</legend>
          <div class="check-list">
            {teams.map((team) => (
              <label key={team.id} class="check">
                <input
                  type="checkbox"
                  checked={teamIds.includes(team.id)}
                  onChange={(e) => setTeamIds(e.currentTarget.checked ? [...teamIds, team.id] : teamIds.filter((id) => id !== team.id))}
                />
                {team.name}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {errors.form && (
        <p class="notice notice-error" role="alert">
          {errors.form}
        </p>
      )}
      <div class="admin-actions">
        <button type="button" class="btn-secondary" onClick={onDone}>
          {t.common.cancel}
        </button>
        <button type="submit" class="btn-primary" disabled={busy}>
          {busy && <span class="spinner" aria-hidden="true" />}
          {a.createLink}
        </button>
      </div>
    </form>
  );
}
