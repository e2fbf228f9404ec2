import { AUTO_REPLY_DEFAULT, type ConversationEvent } from '@kefu/protocol';

/**
 * The English fallback stored in a system message's body, for clients that do not
 * know the event yet; UIs render `event` in their own language instead.
 */
export function systemText(event: ConversationEvent): string {
  switch (event.type) {
    case 'assigned':
      return `${event.agentName} joined the chat`;
    case 'closed':
      return 'This conversation was closed';
    case 'reopened':
      return 'The conversation was reopened';
    case 'autoReply':
      return AUTO_REPLY_DEFAULT;
  }
}
