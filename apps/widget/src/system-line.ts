import { AUTO_REPLY_DEFAULT, type ChatItem } from '@kefu/client';
import { t } from './i18n.js';

/** A system message in the widget's language; its English body when the event is unknown (a newer server). */
export function systemLine(item: Pick<ChatItem, 'body' | 'event'>): string {
  const event = item.event;
  switch (event?.type) {
    case 'assigned':
      return t.events.assigned(event.agentName);
    case 'closed':
      return t.events.closed;
    case 'reopened':
      return t.events.reopened;
    case 'autoReply':
      // The site's own text stays as written; the default is shown in the widget's language.
      return item.body === AUTO_REPLY_DEFAULT ? t.events.autoReply : item.body;
    default:
      return item.body;
  }
}
