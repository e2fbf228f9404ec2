import { MESSAGE_BODY_MAX_CHARS } from '@kefu/client';
import type { PreChatField, VisitorProfile } from '@kefu/protocol';
import { t } from '../i18n.js';
import { EMAIL_MAX_CHARS, NAME_MAX_CHARS, PHONE_MAX_CHARS, profileOf, type FieldKey } from '../validation.js';
import { FormField } from './FormField.js';
import { fieldId, useForm, type FormStore } from './useForm.js';

/**
 * The site's pre-chat fields still to ask: those the profile already has (an
 * identified user's name and email, say) are skipped. When only the message would be
 * left, there is nothing to ask: the composer is the message field.
 */
export function preChatFieldsToAsk(fields: readonly PreChatField[], profile: VisitorProfile | null): PreChatField[] {
  const ask = fields.filter((f) => f.key === 'message' || !profile?.[f.key]);
  return ask.some((f) => f.key !== 'message') ? ask : [];
}

export interface PreChatAnswers {
  profile: { name?: string; email?: string; phone?: string };
  /** The first message, when the form asked for it. */
  message: string | null;
}

interface Props {
  fields: PreChatField[];
  store: FormStore;
  onSubmit: (answers: PreChatAnswers) => void;
}

const INPUTS: Record<Exclude<FieldKey, 'message'>, { type: 'text' | 'email' | 'tel'; autoComplete: string; maxLength: number }> = {
  name: { type: 'text', autoComplete: 'name', maxLength: NAME_MAX_CHARS },
  email: { type: 'email', autoComplete: 'email', maxLength: EMAIL_MAX_CHARS },
  phone: { type: 'tel', autoComplete: 'tel', maxLength: PHONE_MAX_CHARS },
};

/** Asks what the site wants to know before the first message. */
export function PreChatForm({ fields, store, onSubmit }: Props) {
  const { values, errors, set, check } = useForm(store, {}, fields);

  function submit(event: Event) {
    event.preventDefault();
    if (!check()) return;
    const asksMessage = fields.some((f) => f.key === 'message');
    onSubmit({ profile: profileOf(values, fields.map((f) => f.key)), message: asksMessage ? values.message.trim() || null : null });
  }

  return (
    <form class="card form" noValidate onSubmit={submit} aria-labelledby="prechat-title">
      <h2 id="prechat-title" class="form-title">
        {t.preChat.title}
      </h2>
      <p class="form-intro">{t.preChat.intro}</p>
      {fields.map(({ key, required }) => {
        const error = errors[key];
        const common = {
          id: fieldId(key),
          required,
          value: values[key],
          onInput: (v: string) => set(key, v),
          error: error ? t.errors[error] : null,
        };
        return key === 'message' ? (
          <FormField key={key} {...common} label={t.preChat.message} multiline maxLength={MESSAGE_BODY_MAX_CHARS} />
        ) : (
          <FormField key={key} {...common} label={t.fields[key]} {...INPUTS[key]} inputMode={INPUTS[key].type} />
        );
      })}
      <button type="submit" class="button block">
        {t.preChat.submit}
      </button>
    </form>
  );
}
