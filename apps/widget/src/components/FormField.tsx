import { t } from '../i18n.js';
import { AlertIcon } from './icons.js';

interface Props {
  id: string;
  label: string;
  value: string;
  required: boolean;
  onInput: (value: string) => void;
  /** Shown under the field and announced with it. */
  error?: string | null;
  /** Invalid because of an error shown elsewhere (email-or-phone, under the pair). */
  invalid?: boolean;
  /** Ids of hints or errors outside the field that describe it too. */
  describedBy?: string;
  multiline?: boolean;
  type?: 'text' | 'email' | 'tel';
  autoComplete?: string;
  inputMode?: 'text' | 'email' | 'tel';
  maxLength?: number;
  /** Whether "(optional)" follows the label of a field that is not required; false where a hint says more. */
  markOptional?: boolean;
}

/** One labelled input of the pre-chat or leave-a-message form, with its error. */
export function FormField(props: Props) {
  const { id, label, value, required, onInput, error, invalid, describedBy, multiline, type = 'text', autoComplete, inputMode, maxLength, markOptional = true } = props;
  const errorId = `${id}-error`;
  const described = [error ? errorId : null, describedBy].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: id,
    value,
    maxLength,
    'aria-required': required,
    'aria-invalid': Boolean(error) || invalid,
    'aria-describedby': described,
    onInput: (event: Event) => onInput((event.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class={`form-field${error || invalid ? ' is-invalid' : ''}`}>
      <label for={id}>
        {label}
        {!required && markOptional && <span class="optional"> ({t.optional})</span>}
      </label>
      {multiline ? <textarea {...common} rows={3} /> : <input {...common} type={type} autoComplete={autoComplete} inputMode={inputMode} />}
      {error && (
        <p class="field-error" id={errorId}>
          <AlertIcon />
          {error}
        </p>
      )}
    </div>
  );
}
