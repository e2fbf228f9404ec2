import { MESSAGE_BODY_MAX_CHARS } from '@kefu/client';
import type { RefObject } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';
import { t } from '../i18n.js';
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
  const empty = text.trim().length === 0;

  useLayoutEffect(() => {
    const el = inputRef.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT_PX)}px`;
    el.style.overflowY = el.scrollHeight > MAX_HEIGHT_PX ? 'auto' : 'hidden';
  }, [text]);

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
      </div>
      <button type="submit" class="send" aria-label={t.send} title={t.send} disabled={empty}>
        <SendIcon />
      </button>
    </form>
  );
}
