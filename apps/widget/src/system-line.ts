import type { ChatItem } from '@kefu/client';
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
    default:
      return item.body;
  }
}
