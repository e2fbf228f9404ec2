import { MESSAGE_BODY_MAX_CHARS } from '@kefu/client';
import type { RefObject } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n.js';
import { EmojiPicker } from './EmojiPicker.js';
import { SendIcon } from './icons.js';

/** The textarea grows with its text up to about five lines, then scrolls. */
const MAX_HEIGHT_PX = 5 * 22 + 20;

interface Props {
  onSend: (body: string) => void;
  inputRef: RefObject<HTMLTextAreaElement>;
  /** Keeps an unsent draft across page navigations (the widget reloads with the host page). */
  draft: { load(): string; save(text: string): void };
  /** Every change of the text: agents see "typing" and a live preview. */
  onDraft: (text: string) => void;
}

export function Composer({ onSend, inputRef, draft, onDraft }: Props) {
  const [text, setText] = useState(draft.load);
  /** Where the caret goes after the next render (an emoji was inserted). */
  const caret = useRef<number | null>(null);
  const empty = text.trim().length === 0;

  useLayoutEffect(() => {
    const el = inputRef.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT_PX)}px`;
    el.style.overflowY = el.scrollHeight > MAX_HEIGHT_PX ? 'auto' : 'hidden';
    if (caret.current !== null) {
      el.focus({ preventScroll: true });
      el.setSelectionRange(caret.current, caret.current);
      caret.current = null;
    }
    // The placeholder counts when empty: a switch of language may change the height.
  }, [text, t.placeholder]);

  function update(value: string) {
    setText(value);
    draft.save(value);
    onDraft(value);
  }

  function submit() {
    const body = text.trim();
    if (!body) return;
    onSend(body);
    update('');
  }

  /** Puts the emoji where the caret was (replacing a selection), and the caret after it. */
  function insert(emoji: string) {
    const el = inputRef.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    const next = text.slice(0, start) + emoji + text.slice(end);
    if (next.length > MESSAGE_BODY_MAX_CHARS) return;
    caret.current = start + emoji.length;
    update(next);
  }

  function onKeyDown(event: KeyboardEvent) {
    // Enter while an IME is composing (pinyin, kana) confirms the candidate; it must not send.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    submit();
  }

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
        inputRef.current?.focus();
      }}
    >
      <div class="field">
        <textarea
          ref={inputRef}
          rows={1}
          value={text}
          aria-label={t.message}
          placeholder={t.placeholder}
          maxLength={MESSAGE_BODY_MAX_CHARS}
          enterkeyhint="send"
          onInput={(event) => update(event.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
        <EmojiPicker onPick={insert} />
      </div>
      <button type="submit" class="send" aria-label={t.send} title={t.send} disabled={empty}>
        <SendIcon />
      </button>
    </form>
  );
}
