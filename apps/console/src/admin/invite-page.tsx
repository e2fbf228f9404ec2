import { KefuError, type Agent, type InvitationInfo } from '@kefu/client';
import { useEffect, useState } from 'preact/hooks';
import { LogoMark } from '../components/icons.js';
import { LanguageSwitch } from '../components/language-switch.js';
import { useI18n } from '../hooks/use-i18n.js';
import { errorText } from '../i18n.js';
import { acceptInvitation, invitationInfo } from './api.js';

/** The server's rule (`schemas.invitationAccept`), checked here first so the invitee hears it before submitting. */
const PASSWORD_MIN_CHARS = 10;

interface InvitePageProps {
  token: string;
  onJoined: (agent: Agent) => void;
  onSignIn: () => void;
}

type Load = { status: 'loading' } | { status: 'ready'; info: InvitationInfo } | { status: 'gone' } | { status: 'failed'; error: unknown };

/** "Join <workspace> on Kefu": the invitee names themselves, sets a password, and is signed in. */
export function InvitePage({ token, onJoined, onSignIn }: InvitePageProps) {
  const { t } = useI18n();
  const v = t.admin.invite;
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let active = true;
    invitationInfo(token).then(
      (info) => {
        if (!active) return;
        setLoad({ status: 'ready', info });
        setName(info.name);
      },
      (err: unknown) => active && setLoad(err instanceof KefuError && err.code === 'NOT_FOUND' ? { status: 'gone' } : { status: 'failed', error: err }),
    );
    return () => {
      active = false;
    };
  }, [token]);

  const submit = (e: Event) => {
    e.preventDefault();
    if (busy || load.status !== 'ready') return;
    if (password.length < PASSWORD_MIN_CHARS) return setPasswordError(v.passwordShort);
    setBusy(true);
    setError(null);
    acceptInvitation(token, password, name.trim() && name.trim() !== load.info.name ? name.trim() : undefined).then(onJoined, (err: unknown) => {
      setBusy(false);
      if (err instanceof KefuError && err.code === 'NOT_FOUND') setLoad({ status: 'gone' });
      else if (err instanceof KefuError && err.path === 'password') setPasswordError(v.passwordShort);
      else setError(err);
    });
  };

  const gone = (
    <div class="signin-card" role="alert">
      <h1 class="signin-title">{v.gone}</h1>
      <p class="signin-subtitle">{v.goneHint}</p>
      <a class="btn-primary btn-block" href={location.pathname} onClick={(e) => (e.preventDefault(), onSignIn())}>
        {v.signIn}
      </a>
    </div>
  );

  return (
    <main class="signin">
      <div class="signin-lang">
        <LanguageSwitch />
      </div>
      {load.status === 'loading' && (
        <div class="splash" role="status" aria-label={t.loading}>
          <span class="brand-mark brand-mark-lg splash-mark">
            <LogoMark />
          </span>
        </div>
      )}
      {load.status === 'gone' && gone}
      {load.status === 'failed' && (
        <div class="signin-card">
          <p class="notice notice-error" role="alert">
            {errorText(t, load.error)}
          </p>
        </div>
      )}
      {load.status === 'ready' && (
        <form class="signin-card" onSubmit={submit} noValidate>
          <div class="signin-brand">
            <span class="brand-mark brand-mark-lg">
              <LogoMark />
            </span>
          </div>
          <h1 class="signin-title">{v.title(load.info.workspaceName)}</h1>
          <p class="signin-subtitle">{v.lead}</p>
          {error !== null && (
            <p class="notice notice-error" role="alert">
              {errorText(t, error)}
            </p>
          )}
          <label class="field">
            <span class="field-label">{v.email}</span>
            <input type="email" name="email" autocomplete="username" readOnly value={load.info.email} />
          </label>
          <label class="field">
            <span class="field-label">{v.name}</span>
            <input name="name" autocomplete="name" maxLength={120} required value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </label>
          <label class="field">
            <span class="field-label">{v.password}</span>
            <input
              type="password"
              name="password"
              autocomplete="new-password"
              required
              autoFocus
              minLength={PASSWORD_MIN_CHARS}
              value={password}
              aria-invalid={passwordError ? true : undefined}
              aria-describedby="invite-password-hint"
              onInput={(e) => (setPassword(e.currentTarget.value), setPasswordError(null))}
            />
            <span id="invite-password-hint" class={passwordError ? 'field-error' : 'field-hint'} role={passwordError ? 'alert' : undefined}>
              {passwordError ?? v.passwordHint}
            </span>
          </label>
          <button type="submit" class="btn-primary btn-block" disabled={busy || !password || !name.trim()} aria-busy={busy}>
            {busy && <span class="spinner" aria-hidden="true" />}
            {v.join}
          </button>
        </form>
      )}
    </main>
  );
}
