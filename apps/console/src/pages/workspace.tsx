import { AgentClient, KefuError, signOut, type Agent } from '@kefu/client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Sidebar } from '../components/sidebar.js';
import { ConversationPane } from '../conversation/conversation-pane.js';
import { InboxPane } from '../inbox/inbox-pane.js';
import { ClientContext, useConnectionState } from '../hooks/use-client.js';
import { useI18n } from '../hooks/use-i18n.js';
import { useInbox } from '../hooks/use-inbox.js';
import { useSelectedConversation } from '../hooks/use-route.js';
import { usePresence } from '../hooks/use-presence.js';
import { useSeen } from '../hooks/use-seen.js';
import { errorText } from '../i18n.js';

interface WorkspaceProps {
  agent: Agent;
  /** `ended`: the server ended the session (signed out elsewhere, removed), not the agent here. */
  onSignedOut: (ended: boolean) => void;
}

/** The signed-in console: navigation, inbox and the open conversation. */
export function Workspace({ agent, onSignedOut }: WorkspaceProps) {
  const { t } = useI18n();
  const client = useMemo(() => new AgentClient({ url: location.origin }), []);
  const state = useConnectionState(client);
  const inbox = useInbox(client);
  const seen = useSeen(client);
  const presenceOf = usePresence(client);
  const [selected, select] = useSelectedConversation();
  const [signingOut, setSigningOut] = useState(false);
  const [signOutError, setSignOutError] = useState<string | null>(null);
  const leaving = useRef(false);

  useEffect(() => {
    client.connect();
    return () => client.close();
  }, [client]);

  useEffect(
    () =>
      client.on('state', (s) => {
        if (s !== 'failed' || leaving.current) return;
        if (client.lastError?.code === 'UNAUTHENTICATED') {
          leaving.current = true;
          client.close();
          onSignedOut(true);
        }
      }),
    [client, onSignedOut],
  );

  const handleSignOut = useCallback(async () => {
    setSigningOut(true);
    setSignOutError(null);
    // Set first: the server closes our socket as part of the sign-out.
    leaving.current = true;
    try {
      await signOut(location.origin);
    } catch (err) {
      // Already signed out (elsewhere, or expired): that is what was asked for.
      const gone = err instanceof KefuError && err.code === 'UNAUTHENTICATED';
      if (!gone) {
        leaving.current = false;
        setSigningOut(false);
        setSignOutError(errorText(t, err));
        return;
      }
    }
    client.close();
    if (selected) history.replaceState(null, '', location.pathname + location.search);
    onSignedOut(false);
  }, [client, onSignedOut, selected, t]);

  const current = selected ? inbox.byId.get(selected) : undefined;

  const unseen = inbox.conversations.filter((c) => c.id !== selected && seen.isUnseen(c)).length;
  useEffect(() => {
    document.title = unseen > 0 ? `(${unseen}) ${t.product}` : t.product;
  }, [unseen, t]);

  return (
    <ClientContext.Provider value={client}>
      <div class={`workspace ${selected ? 'has-selection' : ''}`}>
        <Sidebar
          agent={agent}
          state={state}
          unseen={unseen}
          signingOut={signingOut}
          signOutError={signOutError}
          onSignOut={() => void handleSignOut()}
          onShowInbox={() => select(null)}
        />
        <InboxPane inbox={inbox} seen={seen} presenceOf={presenceOf} selected={selected} onSelect={select} />
        <ConversationPane
          key={selected ?? ''}
          id={selected}
          summary={current}
          visitorStatus={current ? presenceOf(current.visitorId) : undefined}
          agent={agent}
          state={state}
          onBack={() => select(null)}
          onSeen={seen.markSeen}
        />
      </div>
    </ClientContext.Provider>
  );
}
