import type { ChatItem, ConversationEvent } from '@kefu/client';

/** A system message's meaning (absent on people's messages). */
export const eventOf = (item: ChatItem): ConversationEvent | undefined => item.event;
