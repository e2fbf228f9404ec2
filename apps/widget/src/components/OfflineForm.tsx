import { MESSAGE_BODY_MAX_CHARS } from '@kefu/client';
import type { VisitorProfile } from '@kefu/protocol';
import { t } from '../i18n.js';
import { EMAIL_MAX_CHARS, NAME_MAX_CHARS, PHONE_MAX_CHARS, profileOf, type Rule } from '../validation.js';
import { FormField } from './FormField.js';
import { AlertIcon, MoonIcon } from './icons.js';
import { fieldId, useForm, type FormStore } from './useForm.js';

const RULES: Rule[] = [
  { key: 'name', required: true },
  { key: 'email', required: false },
  { key: 'phone', required: false },
  { key: 'message', required: true },
];
const CONTACT_HINT_ID = 'contact-hint';
const CONTACT_ERROR_ID = 'contact-error';

export interface LeftMessage {
  profile: { name?: string; email?: string; phone?: string };
  message: string;
  /** Where the reply will go: the email, else the phone. */
  contact: string;
}

interface Props {
  profile: VisitorProfile | null;
  store: FormStore;
  onSubmit: (left: LeftMessage) => void;
}

/** Nobody can answer now: name, a way to reply (email or phone) and the message. */
export function OfflineForm({ profile, store, onSubmit }: Props) {
  const known = { name: profile?.name ?? '', email: profile?.email ?? '', phone: profile?.phone ?? '' };
  const { values, errors, set, check } = useForm(store, known, RULES, true);
  const contactError = errors.email === 'contact';

  function submit(event: Event) {
    event.preventDefault();
    if (!check()) return;
    const left = profileOf(values, ['name', 'email', 'phone']);
    onSubmit({ profile: left, message: values.message.trim(), contact: left.email ?? left.phone ?? '' });
  }

  const formatError = (key: 'email' | 'phone') => (errors[key] && errors[key] !== 'contact' ? t.errors[errors[key]] : null);
  return (
    <form class="card form" noValidate onSubmit={submit} aria-labelledby="offline-title">
      <div class="form-head">
        <span class="form-icon" aria-hidden="true">
          <MoonIcon />
        </span>
        <div>
          <h2 id="offline-title" class="form-title">
            {t.offline.title}
          </h2>
          <p class="form-intro">{t.offline.intro}</p>
        </div>
      </div>
      <FormField
        id={fieldId('name')}
        label={t.fields.name}
        required
        value={values.name}
        onInput={(v) => set('name', v)}
        error={errors.name && t.errors.name}
        autoComplete="name"
        maxLength={NAME_MAX_CHARS}
      />
      <div class="form-pair">
        <FormField
          id={fieldId('email')}
          label={t.fields.email}
          required={false}
          markOptional={false}
          type="email"
          inputMode="email"
          autoComplete="email"
          value={values.email}
          onInput={(v) => set('email', v)}
          error={formatError('email')}
          invalid={contactError}
          describedBy={contactError ? CONTACT_ERROR_ID : CONTACT_HINT_ID}
          maxLength={EMAIL_MAX_CHARS}
        />
        <FormField
          id={fieldId('phone')}
          label={t.fields.phone}
          required={false}
          markOptional={false}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          value={values.phone}
          onInput={(v) => set('phone', v)}
          error={formatError('phone')}
          invalid={contactError}
          describedBy={contactError ? CONTACT_ERROR_ID : CONTACT_HINT_ID}
          maxLength={PHONE_MAX_CHARS}
        />
        {contactError ? (
          <p class="field-error" id={CONTACT_ERROR_ID}>
            <AlertIcon />
            {t.errors.contact}
          </p>
        ) : (
          <p class="field-hint" id={CONTACT_HINT_ID}>
            {t.offline.contactHint}
          </p>
        )}
      </div>
      <FormField
        id={fieldId('message')}
        label={t.offline.message}
        required
        multiline
        value={values.message}
        onInput={(v) => set('message', v)}
        error={errors.message && t.errors.message}
        maxLength={MESSAGE_BODY_MAX_CHARS}
      />
      <button type="submit" class="button block">
        {t.offline.submit}
      </button>
    </form>
  );
}
