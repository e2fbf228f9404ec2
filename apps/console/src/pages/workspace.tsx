import { AgentClient, KefuError, signOut, type Agent } from '@kefu/client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Sidebar } from '../components/sidebar.js';
import { ConversationPane } from '../conversation/conversation-pane.js';
import { InboxPane } from '../inbox/inbox-pane.js';
import { ClientContext, useConnectionState } from '../hooks/use-client.js';
import { useI18n } from '../hooks/use-i18n.js';
import { useInbox } from '../hooks/use-inbox.js';
import { navigate, useRoute, useSelectedConversation, type Section } from '../hooks/use-route.js';
import { usePresence } from '../hooks/use-presence.js';
import { useSeen } from '../hooks/use-seen.js';
import { errorText } from '../i18n.js';
import { useMyStatus } from '../components/use-my-status.js';
import { useTeam } from '../components/use-team.js';
import { NotificationBanner } from '../notifications/notification-banner.js';
import { useNotifications } from '../notifications/use-notifications.js';
import { useLiveVisitors } from '../radar/live-visitors.js';
import { RadarPane } from '../radar/radar-pane.js';
import { SettingsPane } from '../settings/settings-pane.js';
import { useAutoAway } from '../settings/use-auto-away.js';
import { VisitorPanelColumn, useVisitorPanelOpen } from '../visitor/visitor-column.js';
import './workspace.css';

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
  const route = useRoute();
  const live = useLiveVisitors(client);
  const team = useTeam(client);
  const myStatus = useMyStatus(client);
  const [panelOpen, setPanelOpen] = useVisitorPanelOpen();
  useAutoAway(client);
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
  const openConversation = useCallback((id: string) => navigate({ section: 'inbox', conversationId: id }), []);
  const goTo = useCallback((section: Section) => navigate({ section, conversationId: null }, { replace: true }), []);
  useNotifications({ client, selected, conversation: (id) => inbox.byId.get(id), openConversation });

  // Whichever view the inbox shows, the title and the badge count the open chats that are
  // this agent's to answer (theirs and the unassigned ones), not colleagues' or closed ones.
  const unseen = [...inbox.byId.values()].filter(
    (c) => c.status === 'open' && (c.assigneeId === null || c.assigneeId === agent.id) && c.id !== selected && seen.isUnseen(c),
  ).length;
  useEffect(() => {
    document.title = unseen > 0 ? `(${unseen}) ${t.product}` : t.product;
  }, [unseen, t]);

  return (
    <ClientContext.Provider value={client}>
      <div class={`workspace ${selected ? 'has-selection' : ''} section-${route.section} ${current ? (panelOpen ? 'has-visitor-panel' : 'has-visitor-rail') : ''}`}>
        <Sidebar
          agent={agent}
          state={state}
          section={route.section}
          unseen={unseen}
          liveVisitors={live.loaded ? live.visitors.length : null}
          status={myStatus}
          team={team}
          signingOut={signingOut}
          signOutError={signOutError}
          onSignOut={() => void handleSignOut()}
          onNavigate={goTo}
        >
          <NotificationBanner ready={state === 'ready'} />
        </Sidebar>
        {route.section === 'visitors' && (
          <main class="workspace-main">
            <RadarPane live={live} onOpenConversation={openConversation} />
          </main>
        )}
        {route.section === 'settings' && (
          <main class="workspace-main">
            <SettingsPane agent={agent} team={team} />
          </main>
        )}
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
        {current && (
          <VisitorPanelColumn
            key={current.visitorId}
            visitorId={current.visitorId}
            conversationId={current.id}
            open={panelOpen}
            onToggle={setPanelOpen}
            onOpenConversation={openConversation}
          />
        )}
      </div>
    </ClientContext.Provider>
  );
}
