import type { Agent, AgentPresence, ChatItem, NoteItem } from '@kefu/client';
import { Fragment } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ArrowDownIcon } from '../components/icons.js';
import { useI18n } from '../hooks/use-i18n.js';
import { useNow } from '../hooks/use-now.js';
import { dayLabel, sameDay } from '../time.js';
import { MessageBubble } from './message-bubble.js';
import { NoteBubble } from './note-bubble.js';
import { SystemLine } from './system-line.js';
import { mergeTimeline, type Entry } from './timeline.js';

/** Messages further apart than this start a new run (name shown again). */
const RUN_BREAK_MS = 5 * 60_000;
/** Within this distance of the bottom the list counts as "at the bottom" and follows new messages. */
const STICK_THRESHOLD_PX = 64;
/** Older messages are asked for when the agent scrolls this close to the top. */
const LOAD_OLDER_PX = 240;

interface MessageListProps {
  items: ChatItem[];
  notes: NoteItem[];
  loaded: boolean;
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder: () => Promise<void>;
  agent: Agent;
  team: readonly AgentPresence[];
  visitorName: string;
}

export function MessageList({ items, notes, loaded, hasOlder, loadingOlder, loadOlder, agent, team, visitorName }: MessageListProps) {
  const { t, lang } = useI18n();
  const now = useNow();
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const lastKey = useRef<string | null>(null);
  const firstKey = useRef<string | null>(null);
  // Distance from the bottom before older messages were prepended: kept, so nothing jumps.
  const anchor = useRef<number | null>(null);
  const [newBelow, setNewBelow] = useState(false);
  const entries = useMemo(() => mergeTimeline(items, notes), [items, notes]);

  const toBottom = () => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
    atBottom.current = true;
    setNewBelow(false);
  };

  useLayoutEffect(() => {
    const el = scroller.current;
    const first = entries[0]?.key ?? null;
    const last = entries[entries.length - 1];
    const prepended = first !== firstKey.current && firstKey.current !== null;
    firstKey.current = first;
    const grew = last !== undefined && last.key !== lastKey.current;
    lastKey.current = last?.key ?? null;
    if (el && anchor.current !== null && prepended) {
      el.scrollTop = el.scrollHeight - anchor.current;
      anchor.current = null;
      return;
    }
    // Follow the conversation when already at the bottom, and always after our own send.
    const ownSend = last?.kind === 'message' ? last.item.state === 'sending' : last?.kind === 'note' && last.note.state === 'sending';
    if (atBottom.current || (grew && ownSend)) toBottom();
    else if (grew) setNewBelow(true);
  }, [entries]);

  const older = () => {
    const el = scroller.current;
    if (!el || !hasOlder || loadingOlder) return;
    anchor.current = el.scrollHeight - el.scrollTop;
    void loadOlder().finally(() => {
      // Nothing was prepended (offline, or the page was empty): do not pin a stale anchor.
      requestAnimationFrame(() => (anchor.current = null));
    });
  };

  // A short first page that does not fill the pane cannot be scrolled: fetch until it can.
  useEffect(() => {
    const el = scroller.current;
    if (el && loaded && hasOlder && !loadingOlder && el.scrollHeight <= el.clientHeight + LOAD_OLDER_PX) older();
  }, [loaded, hasOlder, loadingOlder, entries.length]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_THRESHOLD_PX;
    if (atBottom.current) setNewBelow(false);
    if (el.scrollTop < LOAD_OLDER_PX) older();
  };

  const nameOf = (item: ChatItem) =>
    item.senderType === 'visitor' ? visitorName : item.senderType === 'agent' ? (item.senderName ?? agent.name) : t.conversation.system;
  const runKey = (e: Entry | undefined) => (!e ? '' : e.kind === 'note' ? `note:${e.note.agentId}` : `${e.item.senderType}:${nameOf(e.item)}`);
  const breaks = (a: Entry | undefined, b: Entry) => !a || !sameDay(a.at, b.at) || runKey(a) !== runKey(b) || b.at - a.at > RUN_BREAK_MS;

  return (
    <div class="messages-wrap">
      <div class="messages" ref={scroller} onScroll={onScroll} role="log" aria-live="polite" aria-label={t.conversation.messages}>
        {loaded && entries.length > 0 && (
          <div class="history-edge" role="status">
            {hasOlder || loadingOlder ? (
              <>
                <span class="spinner spinner-dark" aria-hidden="true" />
                <span>{t.desk.loadingOlder}</span>
              </>
            ) : (
              <span>{t.desk.beginning}</span>
            )}
          </div>
        )}
        {!loaded && items.length === 0 && (
          <div class="messages-loading" role="status" aria-label={t.loading}>
            <span class="spinner spinner-dark" aria-hidden="true" />
          </div>
        )}
        {loaded && entries.length === 0 && <p class="messages-empty">{t.conversation.empty}</p>}
        {entries.map((entry, i) => {
          const prev = entries[i - 1];
          const next = entries[i + 1];
          const newDay = !prev || !sameDay(prev.at, entry.at);
          let line;
          if (entry.kind === 'note') line = <NoteBubble note={entry.note} mine={entry.note.agentId === agent.id} />;
          else if (entry.item.senderType === 'system')
            line = <SystemLine event={entry.item.event} body={entry.item.body} createdAt={entry.at} me={agent.id} team={team} />;
          else line = <MessageBubble item={entry.item} name={nameOf(entry.item)} first={breaks(prev, entry)} last={!next || breaks(entry, next)} />;
          return (
            <Fragment key={entry.key}>
              {newDay && (
                <div class="day-separator" role="separator">
                  <span>{dayLabel(entry.at, now, t, lang)}</span>
                </div>
              )}
              {line}
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
