import { signIn, type Agent } from '@kefu/client';
import { useRef, useState } from 'preact/hooks';
import { LogoMark } from '../components/icons.js';
import { LanguageSwitch } from '../components/language-switch.js';
import { useI18n } from '../hooks/use-i18n.js';
import { errorText } from '../i18n.js';

interface SignInProps {
  /** Why the agent is here again, e.g. the session ended elsewhere. */
  notice: string | null;
  onSignedIn: (agent: Agent) => void;
}

export function SignInPage({ notice, onSignedIn }: SignInProps) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const { agent } = await signIn(location.origin, email.trim(), password);
      onSignedIn(agent);
    } catch (err) {
      setError(err);
      setBusy(false);
      // Most often a mistyped password: let the agent retype it straight away.
      queueMicrotask(() => passwordInput.current?.select());
    }
  };

  return (
    <main class="signin">
      <div class="signin-lang">
        <LanguageSwitch />
      </div>
      <form class="signin-card" onSubmit={submit} noValidate>
        <div class="signin-brand">
          <span class="brand-mark brand-mark-lg">
            <LogoMark />
          </span>
        </div>
        <h1 class="signin-title">{t.signIn.title}</h1>
        <p class="signin-subtitle">{t.signIn.subtitle}</p>
        {notice && !error && (
          <p class="notice notice-info" role="status">
            {notice}
          </p>
        )}
        {error !== null && (
          <p class="notice notice-error" role="alert">
            {errorText(t, error)}
          </p>
        )}
        <label class="field">
          <span class="field-label">{t.signIn.email}</span>
          <input
            type="email"
            name="email"
            autocomplete="username"
            inputMode="email"
            required
            autoFocus
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
            aria-invalid={error !== null}
          />
        </label>
        <label class="field">
          <span class="field-label">{t.signIn.password}</span>
          <input
            ref={passwordInput}
            type="password"
            name="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            aria-invalid={error !== null}
          />
        </label>
        <button type="submit" class="btn-primary btn-block" disabled={busy || !email || !password} aria-busy={busy}>
          {busy && <span class="spinner" aria-hidden="true" />}
          {t.signIn.submit}
        </button>
      </form>
    </main>
  );
}
