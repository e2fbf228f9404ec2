import type { Department } from '@kefu/protocol';
import { t } from '../i18n.js';
import { AlertIcon } from './icons.js';

/** The first radio's id: focused when the visitor submits without choosing. */
export const DEPARTMENT_FIELD_ID = 'f-department';

interface Props {
  departments: readonly Department[];
  value: string | null;
  error: boolean;
  onChange: (teamId: string) => void;
}

/** "Which department?": one radio per team, a whole row to tap, required. */
export function DepartmentChoice({ departments, value, error, onChange }: Props) {
  const errorId = `${DEPARTMENT_FIELD_ID}-error`;
  return (
    <fieldset
      class={`choices${error ? ' is-invalid' : ''}`}
      role="radiogroup"
      aria-labelledby={`${DEPARTMENT_FIELD_ID}-label`}
      aria-required="true"
      aria-invalid={error}
      aria-describedby={error ? errorId : undefined}
    >
      <legend id={`${DEPARTMENT_FIELD_ID}-label`}>{t.preChat.department}</legend>
      {departments.map((d, i) => (
        <label key={d.id} class={`choice${value === d.id ? ' is-checked' : ''}`}>
          <input type="radio" name="department" id={i === 0 ? DEPARTMENT_FIELD_ID : undefined} value={d.id} checked={value === d.id} onChange={() => onChange(d.id)} />
          <span>{d.name}</span>
        </label>
      ))}
      {error && (
        <p class="field-error" id={errorId}>
          <AlertIcon />
          {t.errors.department}
        </p>
      )}
    </fieldset>
  );
}
