import type { AgentClient, ConversationSummary } from '@kefu/client';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../hooks/use-i18n.js';
import { preferences } from '../settings/preferences.js';
import { showDesktop, type DesktopAlert } from './desktop.js';
import { Notifier, type Alert } from './notifier.js';
import { playChime } from './sound.js';

/** One tab per browser rings and pops up: the one holding this lock (the next takes over when it closes). */
const LEADER_LOCK = 'kefu:console:notifier';

interface Options {
  client: AgentClient;
  /** The conversation open in this tab. */
  selected: string | null;
  conversation: (id: string) => ConversationSummary | undefined;
  openConversation: (id: string) => void;
}

/** Sound and desktop notifications for new visitor messages, by the rules of `Notifier`. */
export function useNotifications({ client, selected, conversation, openConversation }: Options): void {
  const { t } = useI18n();
  // The latest values, read by long-lived listeners without re-subscribing.
  const live = useRef({ selected, conversation, openConversation, t });
  live.current = { selected, conversation, openConversation, t };

  useEffect(() => {
    let leader = typeof navigator === 'undefined' || !navigator.locks;
    let release: (() => void) | undefined;
    if (!leader) {
      void navigator.locks
        .request(LEADER_LOCK, () => {
          leader = true;
          return new Promise<void>((resolve) => (release = resolve));
        })
        .catch(() => (leader = true));
    }
    const visible = () => document.visibilityState === 'visible' && document.hasFocus();
    const toDesktop = (alert: Alert): DesktopAlert => {
      const { t: dict } = live.current;
      if (alert.kind === 'burst') {
        return { title: dict.notify.burstTitle(alert.messages), body: dict.notify.burstBody(alert.conversations), tag: 'kefu:burst', conversationId: null };
      }
      const title = alert.isNew ? dict.notify.newConversation(alert.visitorName) : dict.notify.newMessage(alert.visitorName);
      const body = alert.count > 1 ? `${alert.body}\n${dict.notify.more(alert.count - 1)}` : alert.body;
      return { title, body, tag: `conversation:${alert.conversationId}`, conversationId: alert.conversationId };
    };
    const notifier = new Notifier({
      isLive: () => client.state === 'ready',
      isWatching: (id) => visible() && live.current.selected === id,
      inBackground: () => !visible(),
      isLeader: () => leader,
      settings: () => preferences(),
      chime: playChime,
      desktop: (alert) =>
        void showDesktop(toDesktop(alert), (id) => id && live.current.openConversation(id)).catch(() => undefined),
    });
    const offMessage = client.on('message', (m) => {
      const name = live.current.conversation(m.conversationId)?.visitorName ?? live.current.t.conversation.visitor;
      notifier.message(m, name);
    });
    // What the agent has read (here or in another tab) never notifies again.
    const offRead = client.on('read', (r) => r.readerType === 'agent' && r.readerId === client.agent?.id && notifier.seen(r.conversationId, r.seq));
    return () => {
      offMessage();
      offRead();
      notifier.dispose();
      release?.();
    };
  }, [client]);

  // A click on a desktop notification, relayed by the service worker.
  useEffect(() => {
    const sw = typeof navigator !== 'undefined' ? navigator.serviceWorker : undefined;
    if (!sw) return;
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: string; conversationId?: string | null } | null;
      if (data?.type === 'kefu:open-conversation' && data.conversationId) live.current.openConversation(data.conversationId);
    };
    sw.addEventListener('message', onMessage);
    return () => sw.removeEventListener('message', onMessage);
  }, []);
}
