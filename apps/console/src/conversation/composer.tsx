import { KefuError, MESSAGE_BODY_MAX_CHARS } from '@kefu/client';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { SendIcon } from '../components/icons.js';
import { useClient } from '../hooks/use-client.js';
import { useI18n } from '../hooks/use-i18n.js';

/** Tallest the reply box grows before it scrolls. */
const MAX_HEIGHT_PX = 180;
/** Show the character count once a reply gets this close to the limit. */
const COUNT_FROM_CHARS = MESSAGE_BODY_MAX_CHARS - 500;

/** Unsent drafts per conversation, so switching chats does not lose a half-written reply. */
const drafts = new Map<string, string>();

interface ComposerProps {
  conversationId: string;
  visitorName: string;
  canSend: boolean;
  closed: boolean;
}

export function Composer({ conversationId, visitorName, canSend, closed }: ComposerProps) {
  const { t } = useI18n();
  const client = useClient();
  const [text, setText] = useState(() => drafts.get(conversationId) ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    // Focus on desktop only: on a phone it would pop the keyboard over the messages.
    if (matchMedia('(min-width: 768px)').matches) box.current?.focus();
  }, [conversationId]);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT_PX)}px`;
  }, [text]);

  const update = (value: string) => {
    setText(value);
    setProblem(null);
    client.setDraft(conversationId, value);
    if (value) drafts.set(conversationId, value);
    else drafts.delete(conversationId);
  };

  const body = text.trim();
  const tooLong = text.length > MESSAGE_BODY_MAX_CHARS;
  const disabled = closed || !canSend;

  const send = () => {
    if (disabled || !body) return;
    if (tooLong) return setProblem(t.composer.tooLong(MESSAGE_BODY_MAX_CHARS));
    try {
      client.send(conversationId, body);
      update('');
    } catch (err) {
      setProblem(err instanceof KefuError && err.code === 'DISCONNECTED' ? t.composer.notConnected : String(err));
    }
    box.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    // Enter while an input method is composing (pinyin, etc.) picks a candidate; it must not send.
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    send();
  };

  return (
    <form
      class={`composer ${disabled ? 'is-disabled' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {closed && <p class="composer-note">{t.errors.CONVERSATION_CLOSED}</p>}
      {problem && (
        <p class="composer-note is-error" role="alert">
          {problem}
        </p>
      )}
      <div class="composer-box">
        <textarea
          ref={box}
          rows={1}
          aria-label={t.composer.label}
          placeholder={t.composer.placeholder(visitorName)}
          value={text}
          disabled={closed}
          onInput={(e) => update(e.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
        <div class="composer-actions">
          <span class="composer-hint">
            {text.length >= COUNT_FROM_CHARS ? (
              <span class={tooLong ? 'is-error' : ''}>
                {text.length} / {MESSAGE_BODY_MAX_CHARS}
              </span>
            ) : (
              t.composer.hint
            )}
          </span>
          <button type="submit" class="btn-primary send-btn" disabled={disabled || !body || tooLong}>
            <SendIcon />
            <span>{t.composer.send}</span>
          </button>
        </div>
      </div>
    </form>
  );
}
