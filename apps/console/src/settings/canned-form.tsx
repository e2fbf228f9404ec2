import { createCannedReply, KefuError, MESSAGE_BODY_MAX_CHARS, updateCannedReply, type CannedReply } from '@kefu/client';
import { useState } from 'preact/hooks';
import { useI18n } from '../hooks/use-i18n.js';
import { errorText, type Dict } from '../i18n.js';

interface CannedFormProps {
  /** Absent: a new reply. */
  reply?: CannedReply;
  /** Plain agents may share replies but not take over someone else's (the server says FORBIDDEN). */
  onDone: (saved: CannedReply) => void;
  onCancel: () => void;
}

type Field = 'shortcut' | 'body' | 'scope';
type Errors = Partial<Record<Field | 'form', string>>;

const SHORTCUT = /^[a-z0-9_-]{1,32}$/;

function validate(t: Dict, shortcut: string, body: string): Errors {
  const errors: Errors = {};
  if (!SHORTCUT.test(shortcut)) errors.shortcut = t.canned.shortcutInvalid;
  if (!body.trim()) errors.body = t.canned.bodyRequired;
  else if (body.length > MESSAGE_BODY_MAX_CHARS) errors.body = t.composer.tooLong(MESSAGE_BODY_MAX_CHARS);
  return errors;
}

/** The server's refusal, on the field it concerns. */
function serverErrors(t: Dict, err: unknown): Errors {
  if (!(err instanceof KefuError)) return { form: errorText(t, err) };
  if (err.code === 'CONFLICT') return { shortcut: t.canned.shortcutTaken };
  if (err.code === 'FORBIDDEN') return { form: t.canned.forbidden };
  const field = err.path?.split('.')[0];
  if (err.code === 'BAD_REQUEST' && (field === 'shortcut' || field === 'body' || field === 'scope')) return { [field]: `${t.canned.invalid} (${err.message})` };
  return { form: errorText(t, err) };
}

export function CannedForm({ reply, onDone, onCancel }: CannedFormProps) {
  const { t } = useI18n();
  const [shortcut, setShortcut] = useState(reply?.shortcut ?? '');
  const [body, setBody] = useState(reply?.body ?? '');
  const [scope, setScope] = useState<CannedReply['scope']>(reply?.scope ?? 'shared');
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  const id = reply?.id ?? 'new';

  const submit = (e: Event) => {
    e.preventDefault();
    const normalized = shortcut.trim().replace(/^\//, '').toLowerCase();
    const found = validate(t, normalized, body);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    const saving = reply
      ? updateCannedReply(location.origin, reply.id, { shortcut: normalized, body, scope })
      : createCannedReply(location.origin, { shortcut: normalized, body, scope });
    saving.then(onDone, (err: unknown) => {
      setSaving(false);
      setErrors(serverErrors(t, err));
    });
  };

  return (
    <form class="cr-form" onSubmit={submit} noValidate aria-label={reply ? t.canned.editTitle : t.canned.newTitle}>
      <div class="cr-form-grid">
        <label class="field">
          <span class="field-label">{t.canned.shortcut}</span>
          <span class="input-prefix">
            <span aria-hidden="true">/</span>
            <input
              id={`cr-shortcut-${id}`}
              value={shortcut}
              maxLength={33}
              autoComplete="off"
              spellcheck={false}
              placeholder={t.canned.shortcutPlaceholder}
              aria-invalid={errors.shortcut ? true : undefined}
              aria-describedby={errors.shortcut ? `cr-shortcut-error-${id}` : undefined}
              onInput={(e) => setShortcut(e.currentTarget.value)}
            />
          </span>
          {errors.shortcut && (
            <span class="field-error" id={`cr-shortcut-error-${id}`} role="alert">
              {errors.shortcut}
            </span>
          )}
        </label>
        <fieldset class="field cr-scope">
          <legend class="field-label">{t.canned.scope}</legend>
          <div class="segmented">
            {(['shared', 'personal'] as const).map((s) => (
              <label key={s} class={scope === s ? 'is-active' : ''}>
                <input type="radio" name={`cr-scope-${id}`} value={s} checked={scope === s} onChange={() => setScope(s)} />
                {t.canned.scopes[s]}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      <label class="field">
        <span class="field-label">{t.canned.body}</span>
        <textarea
          class="textarea"
          rows={4}
          value={body}
          placeholder={t.canned.bodyPlaceholder}
          aria-invalid={errors.body ? true : undefined}
          onInput={(e) => setBody(e.currentTarget.value)}
        />
        {errors.body && (
          <span class="field-error" role="alert">
            {errors.body}
          </span>
        )}
      </label>
      {errors.form && (
        <p class="notice notice-error" role="alert">
          {errors.form}
        </p>
      )}
      <div class="cr-form-actions">
        <button type="button" class="btn-secondary" onClick={onCancel}>
          {t.common.cancel}
        </button>
        <button type="submit" class="btn-primary" disabled={saving}>
          {saving && <span class="spinner" aria-hidden="true" />}
          {reply ? t.common.save : t.canned.create}
        </button>
      </div>
    </form>
  );
}
