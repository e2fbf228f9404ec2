import type { BusinessHours } from '@kefu/client';
import { useMemo } from 'preact/hooks';
import { PlusIcon, TrashIcon } from '../components/icons.js';
import { useI18n } from '../hooks/use-i18n.js';

/** Monday first, as most admins read a week; day numbers stay the protocol's (0 = Sunday). */
const WEEK = [1, 2, 3, 4, 5, 6, 0];
const DEFAULT_SPAN = { from: '09:00', to: '18:00' };

function timeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

interface HoursEditorProps {
  value: BusinessHours | null;
  onChange: (next: BusinessHours | null) => void;
  error?: string;
}

/** Always open, or opening spans per weekday in one time zone. */
export function HoursEditor({ value, onChange, error }: HoursEditorProps) {
  const { t } = useI18n();
  const s = t.admin.sites;
  const zones = useMemo(timeZones, []);
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const setSpans = (spans: BusinessHours['spans']) => value && onChange({ ...value, spans });
  const spansOf = (day: number) => (value?.spans ?? []).map((span, index) => ({ span, index })).filter((x) => x.span.day === day);

  return (
    <div class="hours">
      <div class="segmented" role="radiogroup" aria-label={s.hours}>
        <label class={value === null ? 'is-active' : ''}>
          <input type="radio" name="hours-mode" checked={value === null} onChange={() => onChange(null)} />
          {s.hoursAlways}
        </label>
        <label class={value !== null ? 'is-active' : ''}>
          <input
            type="radio"
            name="hours-mode"
            checked={value !== null}
            onChange={() => onChange({ timeZone: browserZone || 'UTC', spans: [1, 2, 3, 4, 5].map((day) => ({ day, ...DEFAULT_SPAN })) })}
          />
          {s.hoursSet}
        </label>
      </div>
      {value && (
        <>
          <label class="field">
            <span class="field-label">{s.timeZone}</span>
            <select class="select" value={value.timeZone} onChange={(e) => onChange({ ...value, timeZone: e.currentTarget.value })}>
              {(zones.includes(value.timeZone) ? zones : [value.timeZone, ...zones]).map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
          </label>
          <ul class="hours-days">
            {WEEK.map((day) => {
              const spans = spansOf(day);
              return (
                <li key={day} class="hours-day">
                  <span class="hours-day-name">{s.days[day]}</span>
                  <div class="hours-spans">
                    {spans.length === 0 && <span class="hours-closed">{s.closed}</span>}
                    {spans.map(({ span, index }) => (
                      <span key={index} class="hours-span">
                        <input
                          type="time"
                          aria-label={`${s.days[day]} ${s.from}`}
                          value={span.from}
                          aria-invalid={span.from >= span.to ? true : undefined}
                          onInput={(e) => setSpans(value.spans.map((x, i) => (i === index ? { ...x, from: e.currentTarget.value } : x)))}
                        />
                        <span aria-hidden="true">–</span>
                        <input
                          type="time"
                          aria-label={`${s.days[day]} ${s.to}`}
                          value={span.to}
                          aria-invalid={span.from >= span.to ? true : undefined}
                          onInput={(e) => setSpans(value.spans.map((x, i) => (i === index ? { ...x, to: e.currentTarget.value } : x)))}
                        />
                        <button type="button" class="icon-btn icon-btn-danger" aria-label={`${s.days[day]}: ${s.removeSpan}`} title={s.removeSpan} onClick={() => setSpans(value.spans.filter((_, i) => i !== index))}>
                          <TrashIcon />
                        </button>
                      </span>
                    ))}
                  </div>
                  <button type="button" class="icon-btn" aria-label={`${s.days[day]}: ${s.addSpan}`} title={s.addSpan} onClick={() => setSpans([...value.spans, { day, ...DEFAULT_SPAN }])}>
                    <PlusIcon />
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {error && (
        <span class="field-error" role="alert">
          {error}
        </span>
      )}
      <p class="field-hint">{s.offline}</p>
    </div>
  );
}
