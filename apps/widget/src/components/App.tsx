import type { KeyValueStorage, VisitorClient } from '@kefu/client';
import type { Locale, WidgetConfig } from '@kefu/protocol';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { isAvailable, useNow } from '../availability.js';
import type { Bridge } from '../embed.js';
import { asksDepartment, departmentToSend } from '../departments.js';
import { chooseLocale, setLocale, t } from '../i18n.js';
import { avatarUrl, currentConfig } from '../siteConfig.js';
import { applyTheme } from '../theme.js';
import { useClient } from '../useClient.js';
import type { Values } from '../validation.js';
import { Composer } from './Composer.js';
import { Greeting, type Team } from './Greeting.js';
import { Header } from './Header.js';
import { CheckCircleIcon, MoonIcon } from './icons.js';
import { MessageList } from './MessageList.js';
import { OfflineForm } from './OfflineForm.js';
import { PreChatForm, preChatFieldsToAsk } from './PreChatForm.js';
import { Unavailable, unavailableReason } from './Unavailable.js';
import type { FormStore } from './useForm.js';

interface Props {
  client: VisitorClient;
  bridge: Bridge;
  storage: KeyValueStorage;
  siteKey: string;
  /** The settings the server put into the page, until the client has its own. */
  boot: WidgetConfig | null;
}

type View = 'loading' | 'offline' | 'preChat' | 'chat';

function usePageVisible(): boolean {
  const [visible, setVisible] = useState(document.visibilityState === 'visible');
  useEffect(() => {
    const update = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return visible;
}

/** The host page's `Kefu('locale', ...)`, live. */
function useHostLocale(bridge: Bridge): Locale | null {
  const [locale, setHostLocale] = useState(bridge.host.locale);
  useEffect(() => {
    setHostLocale(bridge.host.locale);
    return bridge.on('locale', setHostLocale);
  }, [bridge]);
  return locale;
}

/**
 * The language, colours and look of a site: chosen on every render (settings may
 * change live), applied to the document, and told to the loader for its launcher.
 */
export function useSiteLook(config: WidgetConfig, hostLocale: Locale | null, bridge: Bridge): Locale {
  const locale = chooseLocale(hostLocale, config.locale, navigator.language);
  // Before the children render: they read `t`.
  setLocale(locale);
  applyTheme(config.color);
  useEffect(() => {
    bridge.config({ color: config.color, position: config.position, locale });
    document.title = bridge.embedded || !config.siteName ? t.title : `${config.siteName} · ${t.title}`;
  });
  return locale;
}

export function teamOf(config: WidgetConfig): Team {
  return { name: config.agentDisplayName || config.siteName || t.support, avatar: avatarUrl(config) };
}

/** The widget's own keys, next to the client's (all relayed with the storage relay). */
function widgetKeys(siteKey: string) {
  const prefix = `kefu:${siteKey}:`;
  return { draft: `${prefix}draft`, form: `${prefix}form`, preChat: `${prefix}prechat`, department: `${prefix}department` };
}

export function App({ client, bridge, storage, siteKey, boot }: Props) {
  const { items, state, error } = useClient(client);
  const [shown, setShown] = useState(bridge.shown);
  const [shownAt, setShownAt] = useState(0);
  /** After a left message, where the reply goes (shown while nobody is online). */
  const [thanks, setThanks] = useState<string | null>(null);
  /** Bumped when the host page forgets the visitor: the composer and forms start empty. */
  const [generation, setGeneration] = useState(0);
  const pageVisible = usePageVisible();
  const now = useNow();
  const root = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const keys = useMemo(() => widgetKeys(siteKey), [siteKey]);

  const config = currentConfig(client, boot);
  useSiteLook(config, useHostLocale(bridge), bridge);
  const available = isAvailable(client.agentsOnline, config.businessHours, now);
  const greeted = client.visitorId !== null;
  const hasConversation = client.conversation !== null || items.length > 0;
  const chosenDepartment = storage.get(keys.department);
  const askDepartment = asksDepartment(config.departments, chosenDepartment);
  // Answered once, the fields are not asked again; a department is, if the site stopped offering the one chosen.
  const preChatFields = storage.get(keys.preChat) === '1' ? [] : preChatFieldsToAsk(config.preChat, client.profile, askDepartment);
  /** A message that starts a conversation carries its department (the only one, or the visitor's choice). */
  const send = (body: string) => {
    const teamId = client.conversation?.status === 'open' ? undefined : departmentToSend(config.departments, storage.get(keys.department));
    client.send(body, teamId ? { teamId } : {});
  };

  let view: View = 'chat';
  if (!greeted && items.length === 0) view = 'loading';
  else if (!hasConversation && !available) view = 'offline';
  else if (!hasConversation && (preChatFields.length > 0 || askDepartment)) view = 'preChat';

  /** Only when the loader moved focus into the frame (the launcher was clicked), and not on touch screens, where the keyboard would cover the chat. */
  const focusFirstField = () => {
    if (!document.hasFocus() || !matchMedia('(pointer: fine)').matches) return;
    root.current?.querySelector<HTMLElement>('textarea, input')?.focus({ preventScroll: true });
  };

  useEffect(() => {
    // The loader's first `open` may have come before this effect subscribed.
    setShown(bridge.shown);
    if (bridge.shown && bridge.embedded) focusFirstField();
    return bridge.on('visibility', (open) => {
      setShown(open);
      if (!open) return;
      setShownAt(Date.now());
      focusFirstField();
    });
  }, [bridge]);

  // A form was sent: the composer takes over.
  const lastView = useRef(view);
  useEffect(() => {
    if (view === 'chat' && (lastView.current === 'offline' || lastView.current === 'preChat')) focusFirstField();
    lastView.current = view;
  }, [view]);

  useEffect(() => {
    if (!bridge.embedded) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) bridge.close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [bridge]);

  useEffect(
    () =>
      bridge.on('shutdown', () => {
        for (const key of Object.values(keys)) storage.remove(key);
        setThanks(null);
        setGeneration((g) => g + 1);
      }),
    [bridge, storage, keys],
  );

  // Read cursors live on the server: reading here clears the badge in every tab and
  // shows the agent "read"; the badge counts agent messages after the cursor.
  useEffect(() => {
    if (shown && pageVisible && state === 'ready') client.markRead().catch(() => undefined);
    bridge.unread(shown ? 0 : client.unreadCount());
  });

  const draft = useMemo(
    () => ({ load: () => storage.get(keys.draft) ?? '', save: (text: string) => (text ? storage.set(keys.draft, text) : storage.remove(keys.draft)) }),
    [storage, keys],
  );
  const formStore = useMemo<FormStore>(
    () => ({
      load: () => {
        try {
          return JSON.parse(storage.get(keys.form) ?? '{}') as Partial<Values>;
        } catch {
          return {};
        }
      },
      save: (values) => (values ? storage.set(keys.form, JSON.stringify(values)) : storage.remove(keys.form)),
    }),
    [storage, keys],
  );
  const onClose = bridge.embedded ? () => bridge.close() : undefined;
  const team = teamOf(config);
  const greeting = config.greeting || t.greeting;

  return (
    <div class="chat" ref={root}>
      <Header
        state={state}
        title={config.siteName}
        avatar={team.avatar}
        available={greeted ? available : null}
        typing={client.agentTyping()}
        onClose={onClose}
      />
      {state === 'failed' ? (
        <Unavailable reason={unavailableReason(error?.code)} />
      ) : view === 'offline' || view === 'preChat' ? (
        <div class="scroll" key={`form-${generation}`}>
          {/* Offline, the form's own title greets: the panel has no room for both. */}
          {view === 'preChat' && <Greeting team={team} text={greeting} />}
          {view === 'offline' ? (
            <OfflineForm
              profile={client.profile}
              store={formStore}
              onSubmit={({ profile, message, contact }) => {
                client.updateProfile(profile);
                send(message);
                formStore.save(null);
                setThanks(contact);
              }}
            />
          ) : (
            <PreChatForm
              fields={preChatFields}
              departments={askDepartment ? config.departments : []}
              department={chosenDepartment}
              onDepartment={(teamId) => storage.set(keys.department, teamId)}
              store={formStore}
              onSubmit={({ profile, message, teamId }) => {
                if (Object.keys(profile).length) client.updateProfile(profile);
                if (teamId) storage.set(keys.department, teamId);
                storage.set(keys.preChat, '1');
                formStore.save(null);
                if (message) send(message);
                else setGeneration((g) => g + 1);
              }}
            />
          )}
        </div>
      ) : (
        <>
          <MessageList
            items={items}
            state={view === 'loading' ? 'connecting' : state}
            shownAt={shownAt}
            team={team}
            greeting={greeting}
            onRetry={(key) => client.retry(key)}
            onDiscard={(key) => client.discard(key)}
          />
          {view === 'chat' && client.queuePosition !== null && (
            <p class="notice notice-queue" role="status">
              <span>{t.queue(client.queuePosition)}</span>
            </p>
          )}
          {view === 'chat' && !available && greeted && (
            <p class={`notice${thanks ? ' notice-thanks' : ''}`} role="status">
              {thanks ? <CheckCircleIcon /> : <MoonIcon />}
              <span>{thanks ? t.thanks(thanks) : t.awayNotice}</span>
            </p>
          )}
          {view === 'chat' && (
            <Composer key={generation} inputRef={input} draft={draft} onSend={send} onDraft={(text) => client.setDraft(text)} />
          )}
        </>
      )}
    </div>
  );
}
