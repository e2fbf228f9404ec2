import type { ChatItem, ConnectionState } from '@kefu/client';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { blocks, type Block } from '../groups.js';
import { t } from '../i18n.js';
import { systemLine } from '../system-line.js';
import { formatDay, formatTime } from '../time.js';
import { Avatar } from './Avatar.js';
import { Greeting, type Team } from './Greeting.js';
import { AlertIcon, ArrowDownIcon, CheckIcon, ClockIcon, DoubleCheckIcon } from './icons.js';
import { MessageBody } from './MessageBody.js';

/** Within this distance of the bottom the list follows new messages; further up, the visitor is reading. */
const STICK_THRESHOLD_PX = 48;

interface Props {
  items: ChatItem[];
  state: ConnectionState;
  /** Changes each time the panel is shown, to jump to the newest message. */
  shownAt: number;
  onRetry: (key: string) => void;
  onDiscard: (key: string) => void;
  /** Who answers: the empty chat's greeting and agents' avatars. */
  team: Team;
  greeting: string;
}

export function MessageList({ items, state, shownAt, onRetry, onDiscard, team, greeting }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const stuck = useRef(true);
  const lastKey = useRef<string | null>(null);
  const [missed, setMissed] = useState(false);
  const laidOut = useMemo(() => blocks(items), [items]);

  function toBottom() {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
    stuck.current = true;
    setMissed(false);
  }

  // New last message: follow it if the visitor was at the bottom or sent it; else offer a jump.
  useLayoutEffect(() => {
    const last = items.at(-1);
    const key = last?.key ?? null;
    if (key === lastKey.current) return;
    const first = lastKey.current === null;
    lastKey.current = key;
    if (first || stuck.current || last?.senderType === 'visitor') toBottom();
    else setMissed(true);
  }, [items]);

  useLayoutEffect(() => {
    if (shownAt) toBottom();
  }, [shownAt]);

  // The composer growing or the keyboard opening shrinks the list: keep the bottom in view.
  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (stuck.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  function onScroll() {
    const el = scroller.current!;
    stuck.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_THRESHOLD_PX;
    if (stuck.current) setMissed(false);
  }

  const empty = items.length === 0;
  return (
    <div class="list-wrap">
      <div class="list" ref={scroller} onScroll={onScroll} role="log" aria-live="polite" aria-label={t.messages}>
        {empty && (state === 'connecting' || state === 'idle') ? (
          <div class="loading" aria-label={t.loading}>
            <span class="spinner" aria-hidden="true" />
          </div>
        ) : empty ? (
          <Greeting team={team} text={greeting} hint={t.greetingHint} />
        ) : (
          laidOut.map((block) => <BlockView key={block.key} block={block} avatar={team.avatar} onRetry={onRetry} onDiscard={onDiscard} />)
        )}
      </div>
      {missed && (
        <button type="button" class="jump" onClick={toBottom}>
          {t.newMessages}
          <ArrowDownIcon />
        </button>
      )}
    </div>
  );
}

interface BlockProps {
  block: Block;
  avatar: string | null;
  onRetry: (key: string) => void;
  onDiscard: (key: string) => void;
}

function BlockView({ block, avatar, onRetry, onDiscard }: BlockProps) {
  if (block.kind === 'day') {
    return (
      <div class="day" role="separator">
        <span>{formatDay(block.at)}</span>
      </div>
    );
  }
  const { senderType, senderName, items } = block;
  const last = items[items.length - 1]!;
  if (senderType === 'system') {
    return (
      <div class="system">
        {items.map((item) => (
          <p key={item.key} {...rowData(item)} data-event={item.event?.type}>
            {systemLine(item)}
          </p>
        ))}
      </div>
    );
  }
  const own = senderType === 'visitor';
  const name = senderName || t.support;
  return (
    <div class={`group ${own ? 'own' : 'agent'}`}>
      {!own && <Avatar url={avatar} name={name} />}
      <div class="stack">
        {!own && (
          <div class="name" aria-hidden="true">
            {name}
          </div>
        )}
        {items.map((item) => (
          <MessageRow key={item.key} item={item} own={own} sender={own ? t.you : name} onRetry={onRetry} onDiscard={onDiscard} />
        ))}
        <time class="time" dateTime={new Date(last.createdAt).toISOString()}>
          {formatTime(last.createdAt)}
        </time>
      </div>
    </div>
  );
}

interface RowProps {
  item: ChatItem;
  own: boolean;
  sender: string;
  onRetry: (key: string) => void;
  onDiscard: (key: string) => void;
}

function MessageRow({ item, own, sender, onRetry, onDiscard }: RowProps) {
  const failed = item.state === 'failed';
  return (
    <div class={`row state-${item.state}`} {...rowData(item)}>
      <div class="line">
        {/* Text nodes and checked links: whatever anyone typed is shown, never interpreted. */}
        <div class="bubble" title={formatTime(item.createdAt)}>
          <span class="sr-only">{sender}: </span>
          <MessageBody text={item.body} />
        </div>
        {own && <StateMark item={item} />}
      </div>
      {failed && (
        <div class="failed">
          <span>{t.notSent}</span>
          <button type="button" class="link" onClick={() => onRetry(item.key)}>
            {t.retry}
          </button>
          <span aria-hidden="true">·</span>
          <button type="button" class="link muted" onClick={() => onDiscard(item.key)}>
            {t.remove}
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * Sending (clock), sent (check), read by the agent (double check) or not sent (alert);
 * one element whose label changes, so the live region stays quiet.
 */
function StateMark({ item }: { item: ChatItem }) {
  const { label, icon } = {
    sending: { label: t.sending, icon: <ClockIcon /> },
    sent: { label: t.sent, icon: <CheckIcon /> },
    read: { label: t.read, icon: <DoubleCheckIcon /> },
    failed: { label: t.notSent, icon: <AlertIcon /> },
  }[item.state];
  return (
    <span class={`mark mark-${item.state}`} role="img" aria-label={label} title={label}>
      {icon}
    </span>
  );
}

/**
 * What a message is, for tests and tools (never styled): its place in the conversation
 * (absent while sending), its state and who sent it. The body stays the text it shows.
 */
function rowData(item: ChatItem) {
  return { 'data-key': item.key, 'data-seq': item.seq ?? undefined, 'data-state': item.state, 'data-sender': item.senderType };
}
