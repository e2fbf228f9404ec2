import { DEPARTMENTS_MAX, type Team } from '@kefu/client';
import { ChevronDownIcon } from '../components/icons.js';
import { useI18n } from '../hooks/use-i18n.js';

interface DepartmentsEditorProps {
  siteId: string;
  teams: Team[];
  /** Team ids in the order visitors see them. */
  value: string[];
  onChange: (ids: string[]) => void;
  error: string | undefined;
}

const ChevronUpIcon = () => (
  <svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">
    <path d="m18 15-6-6-6 6" />
  </svg>
);

/** Swaps the department at `index` with its neighbour `by` places away (-1: up, 1: down). */
export function moved(ids: readonly string[], index: number, by: -1 | 1): string[] {
  const next = [...ids];
  const other = index + by;
  if (other < 0 || other >= next.length) return next;
  [next[index], next[other]] = [next[other]!, next[index]!];
  return next;
}

/**
 * "Which department?" in the pre-chat form: the teams a visitor may pick, in order.
 * Offered teams come first, in the order shown to visitors, with buttons to move them;
 * the others follow, to be ticked.
 */
export function DepartmentsEditor({ siteId, teams, value, onChange, error }: DepartmentsEditorProps) {
  const { t } = useI18n();
  const s = t.admin.sites;
  // A team deleted meanwhile is gone from the site on the server; it is not shown here.
  const offered = value.filter((id) => teams.some((team) => team.id === id));
  const rest = teams.filter((team) => !offered.includes(team.id));
  const nameOf = (id: string) => teams.find((team) => team.id === id)?.name ?? id;
  const full = offered.length >= DEPARTMENTS_MAX;
  const hintId = `departments-hint-${siteId}`;

  if (teams.length === 0) return <p class="field-hint">{s.departmentsNoTeams}</p>;
  return (
    <fieldset class="admin-fieldset field" aria-describedby={hintId}>
      <legend class="field-label">{s.departments}</legend>
      <ol class="prechat-list">
        {offered.map((id, i) => (
          <li key={id} class="prechat-row">
            <label class="check">
              <input type="checkbox" checked onChange={() => onChange(offered.filter((x) => x !== id))} />
              {nameOf(id)}
            </label>
            <button type="button" class="icon-btn" disabled={i === 0} aria-label={s.moveUp(nameOf(id))} title={s.moveUp(nameOf(id))} onClick={() => onChange(moved(offered, i, -1))}>
              <ChevronUpIcon />
            </button>
            <button type="button" class="icon-btn" disabled={i === offered.length - 1} aria-label={s.moveDown(nameOf(id))} title={s.moveDown(nameOf(id))} onClick={() => onChange(moved(offered, i, 1))}>
              <ChevronDownIcon />
            </button>
          </li>
        ))}
        {rest.map((team) => (
          <li key={team.id} class="prechat-row">
            <label class={`check ${full ? 'is-disabled' : ''}`}>
              <input type="checkbox" checked={false} disabled={full} onChange={() => onChange([...offered, team.id])} />
              {team.name}
            </label>
          </li>
        ))}
      </ol>
      <span class="field-hint" id={hintId}>
        {s.departmentsHint}
      </span>
      {error && (
        <span class="field-error" id={`departments-error-${siteId}`} role="alert">
          {error}
        </span>
      )}
    </fieldset>
  );
}
