import { AUTO_REPLY_DEFAULT, type AgentPresence, type ConversationEvent } from '@kefu/client';
import { useI18n } from '../hooks/use-i18n.js';
import { clockTime, fullTime } from '../time.js';

interface SystemLineProps {
  event: ConversationEvent | undefined;
  /** The English fallback, for events this console does not know yet. */
  body: string;
  createdAt: number;
  me: string;
  team: readonly AgentPresence[];
}

/** "Ann joined the conversation", centred and muted, in the console's language. */
export function SystemLine({ event, body, createdAt, me, team }: SystemLineProps) {
  const { t, lang } = useI18n();
  const name = (id: string | null, fallback: string | null = null, you = t.desk.you) =>
    id === null ? fallback : id === me ? you : (team.find((a) => a.id === id)?.name ?? fallback);
  let text = body;
  if (event?.type === 'assigned') {
    const from = name(event.fromAgentId);
    const to = (from ? name(event.agentId, event.agentName, t.desk.youObject) : name(event.agentId, event.agentName)) ?? event.agentName;
    text = event.fromAgentId && from ? t.desk.systemTransferred(from, to) : t.desk.systemJoined(to);
  } else if (event?.type === 'closed') text = t.desk.systemClosed(name(event.byAgentId));
  else if (event?.type === 'reopened') text = t.desk.systemReopened(name(event.byAgentId));
  else if (event?.type === 'autoReply') text = t.desk.systemAutoReply(body === AUTO_REPLY_DEFAULT ? null : body);
  return (
    <div class="msg-system system-line" role="note" title={fullTime(createdAt, lang)}>
      <span>{text}</span>
      <time dateTime={new Date(createdAt).toISOString()}>{clockTime(createdAt, lang)}</time>
    </div>
  );
}
