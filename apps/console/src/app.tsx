import { currentAgent, type Agent } from '@kefu/client';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { InvitePage } from './admin/invite-page.js';
import { LogoMark } from './components/icons.js';
import { I18nContext, type I18n } from './hooks/use-i18n.js';
import { leaveInvitation, useInviteToken } from './hooks/use-route.js';
import { DICTS, initialLang, saveLang, type Lang } from './i18n.js';
import { SignInPage } from './pages/sign-in.js';
import { Workspace } from './pages/workspace.js';

type Session =
  | { status: 'loading' }
  | { status: 'unreachable' }
  | { status: 'signed-out'; notice: 'sessionEnded' | null }
  | { status: 'signed-in'; agent: Agent };

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [session, setSession] = useState<Session>({ status: 'loading' });
  const inviteToken = useInviteToken();

  const i18n = useMemo<I18n>(
    () => ({
      lang,
      t: DICTS[lang],
      setLang: (next) => {
        saveLang(next);
        setLangState(next);
      },
    }),
    [lang],
  );

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const boot = useCallback(() => {
    setSession({ status: 'loading' });
    currentAgent(location.origin).then(
      (agent) => setSession(agent ? { status: 'signed-in', agent } : { status: 'signed-out', notice: null }),
      () => setSession({ status: 'unreachable' }),
    );
  }, []);

  useEffect(boot, [boot]);

  const t = i18n.t;
  let page;
  switch (session.status) {
    case 'loading':
      page = (
        <div class="splash" role="status" aria-label={t.loading}>
          <span class="brand-mark brand-mark-lg splash-mark">
            <LogoMark />
          </span>
        </div>
      );
      break;
    case 'unreachable':
      page = (
        <div class="splash">
          <p class="notice notice-error" role="alert">
            {t.boot.unreachable}
          </p>
          <button type="button" class="btn-primary" onClick={boot}>
            {t.boot.retry}
          </button>
        </div>
      );
      break;
    case 'signed-out':
      // An invitation link opened by someone not signed in: they join instead of signing in.
      page = inviteToken ? (
        <InvitePage
          token={inviteToken}
          onJoined={(agent) => {
            leaveInvitation();
            setSession({ status: 'signed-in', agent });
          }}
          onSignIn={leaveInvitation}
        />
      ) : (
        <SignInPage
          notice={session.notice ? t.signIn[session.notice] : null}
          onSignedIn={(agent) => setSession({ status: 'signed-in', agent })}
        />
      );
      break;
    case 'signed-in':
      page = (
        <Workspace
          key={session.agent.id}
          agent={session.agent}
          onSignedOut={(ended) => setSession({ status: 'signed-out', notice: ended ? 'sessionEnded' : null })}
        />
      );
      break;
  }

  return <I18nContext.Provider value={i18n}>{page}</I18nContext.Provider>;
}
