import { KefuError, MESSAGE_BODY_MAX_CHARS, NOTE_BODY_MAX_CHARS, type CannedReply } from '@kefu/client';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { LockIcon, NoteIcon, ReplyIcon, SendIcon } from '../components/icons.js';
import { useCannedReplies } from '../hooks/use-canned-replies.js';
import { useClient } from '../hooks/use-client.js';
import { useI18n } from '../hooks/use-i18n.js';
import { errorText } from '../i18n.js';
import { CannedPicker } from './canned-picker.js';
import { cannedToken, filterCanned, insertCanned, type CannedToken } from './canned.js';

/** Tallest the reply box grows before it scrolls. */
const MAX_HEIGHT_PX = 180;
/** Show the character count once a reply gets this close to the limit. */
const COUNT_FROM_CHARS = MESSAGE_BODY_MAX_CHARS - 500;

export type ComposerMode = 'reply' | 'note';

/** Unsent drafts per conversation and mode, so switching chats does not lose a half-written reply. */
const drafts = new Map<string, string>();
const draftKey = (id: string, mode: ComposerMode) => `${mode}:${id}`;

interface ComposerProps {
  conversationId: string;
  visitorName: string;
  canSend: boolean;
  closed: boolean;
}

export function Composer({ conversationId, visitorName, canSend, closed }: ComposerProps) {
  const { t } = useI18n();
  const client = useClient();
  const { replies: canned } = useCannedReplies(client);
  const [mode, setMode] = useState<ComposerMode>('reply');
  const [text, setText] = useState(() => drafts.get(draftKey(conversationId, 'reply')) ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [token, setToken] = useState<CannedToken | null>(null);
  const [pickerIndex, setPickerIndex] = useState(0);
  const box = useRef<HTMLTextAreaElement>(null);
  const pendingCaret = useRef<number | null>(null);
  const note = mode === 'note';
  const max = note ? NOTE_BODY_MAX_CHARS : MESSAGE_BODY_MAX_CHARS;
  const matches = token ? filterCanned(canned, token.query) : [];

  useEffect(() => {
    // Focus on desktop only: on a phone it would pop the keyboard over the messages.
    if (matchMedia('(min-width: 768px)').matches) box.current?.focus();
  }, [conversationId]);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT_PX)}px`;
    if (pendingCaret.current !== null) {
      el.setSelectionRange(pendingCaret.current, pendingCaret.current);
      pendingCaret.current = null;
    }
  }, [text]);

  const update = (value: string, caret: number | null = null) => {
    setText(value);
    setProblem(null);
    // A note is for colleagues: the visitor must not even see "typing".
    if (!note) client.setDraft(conversationId, value);
    if (value) drafts.set(draftKey(conversationId, mode), value);
    else drafts.delete(draftKey(conversationId, mode));
    const at = caret ?? box.current?.selectionStart ?? value.length;
    const next = canned.length > 0 || token ? cannedToken(value, at) : null;
    setToken(next);
    if (next?.query !== token?.query) setPickerIndex(0);
  };

  const switchMode = (next: ComposerMode) => {
    if (next === mode) return;
    if (next === 'note') client.setDraft(conversationId, '');
    setMode(next);
    setText(drafts.get(draftKey(conversationId, next)) ?? '');
    setToken(null);
    setProblem(null);
    box.current?.focus();
  };

  // Alt+N: reply <-> note, wherever the focus is. `code`: on a Mac Option+N types a dead key.
  const toggle = useRef(() => undefined as void);
  toggle.current = () => switchMode(note ? 'reply' : 'note');
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.code !== 'KeyN') return;
      e.preventDefault();
      toggle.current();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  const pick = (reply: CannedReply) => {
    const el = box.current;
    if (!el || !token) return;
    const inserted = insertCanned(text, token, el.selectionStart, reply.body);
    pendingCaret.current = inserted.caret;
    update(inserted.text, inserted.caret);
    setToken(null);
    el.focus();
  };

  const body = text.trim();
  const tooLong = text.length > max;
  const disabled = (closed && !note) || !canSend;

  const send = () => {
    if (disabled || !body) return;
    if (tooLong) return setProblem(t.composer.tooLong(max));
    try {
      // Both go through the SDK's outboxes: shown at once as sending, resent until stored.
      if (note) client.sendNote(conversationId, body);
      else client.send(conversationId, body);
      update('');
    } catch (err) {
      setProblem(err instanceof KefuError && err.code === 'DISCONNECTED' ? t.composer.notConnected : errorText(t, err));
    }
    box.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    // While an input method is composing (pinyin, etc.) Enter and arrows belong to it.
    if (e.isComposing || e.keyCode === 229) return;
    if (token) {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setToken(null);
        return;
      }
      if (matches.length > 0) {
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          setPickerIndex((i) => (i + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
          return;
        }
        if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') {
          e.preventDefault();
          pick(matches[Math.min(pickerIndex, matches.length - 1)]!);
          return;
        }
      }
    }
    if (e.key !== 'Enter' || e.shiftKey) return;
    e.preventDefault();
    send();
  };

  const pickerId = `canned-${conversationId}`;
  const pickerOpen = token !== null;
  return (
    <form
      class={`composer ${disabled ? 'is-disabled' : ''} ${note ? 'is-note' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {closed && !note && <p class="composer-note">{t.errors.CONVERSATION_CLOSED}</p>}
      {problem && (
        <p class="composer-note is-error" role="alert">
          {problem}
        </p>
      )}
      <div class="composer-box">
        {pickerOpen && <CannedPicker id={pickerId} replies={matches} active={pickerIndex} onPick={pick} onHover={setPickerIndex} />}
        <div class="composer-modes" role="radiogroup" aria-label={t.desk.composerMode}>
          <button type="button" role="radio" aria-checked={!note} class={`composer-mode ${!note ? 'is-current' : ''}`} onClick={() => switchMode('reply')}>
            <ReplyIcon />
            {t.desk.reply}
          </button>
          <button type="button" role="radio" aria-checked={note} class={`composer-mode is-note-mode ${note ? 'is-current' : ''}`} onClick={() => switchMode('note')}>
            <NoteIcon />
            {t.desk.note}
          </button>
          {note && (
            <span class="composer-note-hint">
              <LockIcon />
              {t.desk.noteHint}
            </span>
          )}
        </div>
        <textarea
          ref={box}
          rows={1}
          aria-label={note ? t.desk.note : t.composer.label}
          placeholder={note ? t.desk.notePlaceholder : t.composer.placeholder(visitorName)}
          value={text}
          disabled={closed && !note}
          aria-autocomplete="list"
          aria-controls={pickerOpen && matches.length > 0 ? pickerId : undefined}
          aria-activedescendant={pickerOpen && matches.length > 0 ? `${pickerId}-${pickerIndex}` : undefined}
          onInput={(e) => update(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          onBlur={() => setToken(null)}
        />
        <div class="composer-actions">
          <span class="composer-hint">
            {text.length >= Math.min(max - 500, COUNT_FROM_CHARS) ? (
              <span class={tooLong ? 'is-error' : ''}>
                {text.length} / {max}
              </span>
            ) : (
              t.composer.hint
            )}
          </span>
          <button type="submit" class={`btn-primary send-btn ${note ? 'is-note' : ''}`} disabled={disabled || !body || tooLong}>
            {note ? <NoteIcon /> : <SendIcon />}
            <span>{note ? t.desk.addNote : t.composer.send}</span>
          </button>
        </div>
      </div>
    </form>
  );
}
