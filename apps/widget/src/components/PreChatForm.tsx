import { MESSAGE_BODY_MAX_CHARS } from '@kefu/client';
import type { Department, PreChatField, VisitorProfile } from '@kefu/protocol';
import { useState } from 'preact/hooks';
import { t } from '../i18n.js';
import { EMAIL_MAX_CHARS, NAME_MAX_CHARS, PHONE_MAX_CHARS, profileOf, type FieldKey } from '../validation.js';
import { DEPARTMENT_FIELD_ID, DepartmentChoice } from './DepartmentChoice.js';
import { FormField } from './FormField.js';
import { fieldId, useForm, type FormStore } from './useForm.js';

/**
 * The site's pre-chat fields still to ask: those the profile already has (an
 * identified user's name and email, say) are skipped. When only the message would be
 * left, there is nothing to ask: the composer is the message field (unless the form
 * shows anyway, to ask for a department).
 */
export function preChatFieldsToAsk(fields: readonly PreChatField[], profile: VisitorProfile | null, asksDepartment = false): PreChatField[] {
  const ask = fields.filter((f) => f.key === 'message' || !profile?.[f.key]);
  return asksDepartment || ask.some((f) => f.key !== 'message') ? ask : [];
}

export interface PreChatAnswers {
  profile: { name?: string; email?: string; phone?: string };
  /** The first message, when the form asked for it. */
  message: string | null;
  /** The department chosen, when the form asked for one. */
  teamId: string | null;
}

interface Props {
  fields: PreChatField[];
  /** Offered in "Which department?"; empty: not asked. */
  departments: readonly Department[];
  /** A choice made before (kept across the host's page loads). */
  department: string | null;
  onDepartment: (teamId: string) => void;
  store: FormStore;
  onSubmit: (answers: PreChatAnswers) => void;
}

const INPUTS: Record<Exclude<FieldKey, 'message'>, { type: 'text' | 'email' | 'tel'; autoComplete: string; maxLength: number }> = {
  name: { type: 'text', autoComplete: 'name', maxLength: NAME_MAX_CHARS },
  email: { type: 'email', autoComplete: 'email', maxLength: EMAIL_MAX_CHARS },
  phone: { type: 'tel', autoComplete: 'tel', maxLength: PHONE_MAX_CHARS },
};

/** Asks what the site wants to know before the first message. */
export function PreChatForm({ fields, departments, department: saved, onDepartment, store, onSubmit }: Props) {
  const { values, errors, set, check } = useForm(store, {}, fields);
  const [department, setDepartment] = useState(saved);
  const [departmentMissing, setDepartmentMissing] = useState(false);
  // A live change of the site may have taken the chosen one away.
  const teamId = departments.some((d) => d.id === department) ? department : null;

  function choose(id: string) {
    setDepartment(id);
    setDepartmentMissing(false);
    onDepartment(id);
  }

  function submit(event: Event) {
    event.preventDefault();
    const missing = departments.length > 0 && !teamId;
    setDepartmentMissing(missing);
    // The department comes first in the form, so it takes the focus from the fields.
    if (!check() || missing) {
      if (missing) document.getElementById(DEPARTMENT_FIELD_ID)?.focus();
      return;
    }
    const asksMessage = fields.some((f) => f.key === 'message');
    onSubmit({ profile: profileOf(values, fields.map((f) => f.key)), message: asksMessage ? values.message.trim() || null : null, teamId });
  }

  return (
    <form class="card form" noValidate onSubmit={submit} aria-labelledby="prechat-title">
      <h2 id="prechat-title" class="form-title">
        {t.preChat.title}
      </h2>
      <p class="form-intro">{fields.some((f) => f.key !== 'message') ? t.preChat.intro : t.preChat.departmentIntro}</p>
      {departments.length > 0 && <DepartmentChoice departments={departments} value={teamId} error={departmentMissing} onChange={choose} />}
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
