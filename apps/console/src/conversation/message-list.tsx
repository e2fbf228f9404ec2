import type { Agent, ChatItem } from '@kefu/client';
import { Fragment } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ArrowDownIcon } from '../components/icons.js';
import { useI18n } from '../hooks/use-i18n.js';
import { useNow } from '../hooks/use-now.js';
import { dayLabel, sameDay } from '../time.js';
import { MessageBubble } from './message-bubble.js';

/** Messages further apart than this start a new run (name shown again). */
const RUN_BREAK_MS = 5 * 60_000;
/** Within this distance of the bottom the list counts as "at the bottom" and follows new messages. */
const STICK_THRESHOLD_PX = 64;

interface MessageListProps {
  items: ChatItem[];
  loaded: boolean;
  agent: Agent;
  visitorName: string;
}

export function MessageList({ items, loaded, agent, visitorName }: MessageListProps) {
  const { t, lang } = useI18n();
  const now = useNow();
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const lastKey = useRef<string | null>(null);
  const [newBelow, setNewBelow] = useState(false);

  const toBottom = () => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
    atBottom.current = true;
    setNewBelow(false);
  };

  useLayoutEffect(() => {
    const last = items[items.length - 1];
    const grew = last !== undefined && last.key !== lastKey.current;
    lastKey.current = last?.key ?? null;
    // Follow the conversation when already at the bottom, and always after our own send.
    if (atBottom.current || (grew && last.state === 'sending')) toBottom();
    else if (grew) setNewBelow(true);
  }, [items]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_THRESHOLD_PX;
    if (atBottom.current) setNewBelow(false);
  };

  const nameOf = (item: ChatItem) =>
    item.senderType === 'visitor' ? visitorName : item.senderType === 'agent' ? (item.senderName ?? agent.name) : t.conversation.system;
  const runKey = (item: ChatItem) => `${item.senderType}:${nameOf(item)}`;

  return (
    <div class="messages-wrap">
      <div class="messages" ref={scroller} onScroll={onScroll} role="log" aria-live="polite" aria-label={t.conversation.messages}>
        {!loaded && items.length === 0 && (
          <div class="messages-loading" role="status" aria-label={t.loading}>
            <span class="spinner spinner-dark" aria-hidden="true" />
          </div>
        )}
        {loaded && items.length === 0 && <p class="messages-empty">{t.conversation.empty}</p>}
        {items.map((item, i) => {
          const prev = items[i - 1];
          const next = items[i + 1];
          const newDay = !prev || !sameDay(prev.createdAt, item.createdAt);
          const breaks = (a: ChatItem | undefined, b: ChatItem) =>
            !a || !sameDay(a.createdAt, b.createdAt) || runKey(a) !== runKey(b) || b.createdAt - a.createdAt > RUN_BREAK_MS;
          return (
            <Fragment key={item.key}>
              {newDay && (
                <div class="day-separator" role="separator">
                  <span>{dayLabel(item.createdAt, now, t, lang)}</span>
                </div>
              )}
              <MessageBubble item={item} name={nameOf(item)} first={breaks(prev, item)} last={!next || breaks(item, next)} />
            </Fragment>
          );
        })}
      </div>
      {newBelow && (
        <button type="button" class="jump-latest" onClick={toBottom}>
          <ArrowDownIcon />
          {t.conversation.jumpToLatest}
        </button>
      )}
    </div>
  );
}
