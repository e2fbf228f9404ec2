import { KefuError, type PreChatFieldKey, type SiteSettings, type Team } from '@kefu/client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../hooks/use-i18n.js';
import { errorText } from '../i18n.js';
import { updateSite } from './api.js';
import { HoursEditor } from './hours-editor.js';
import { IdentityCard } from './identity-card.js';
import { DepartmentsEditor } from './site-departments.js';
import { changes, draftOf, fieldOfPath, originLines, secondsOf, type DraftErrors, type SiteDraft } from './site-draft.js';
import { SnippetCard } from './snippet-card.js';

const HEX = /^#[0-9a-fA-F]{6}$/;
const PRE_CHAT_KEYS: PreChatFieldKey[] = ['name', 'email', 'phone', 'message'];
/** How long "Saved" stays after a save. */
const SAVED_SHOW_MS = 3000;

interface SiteFormProps {
  site: SiteSettings;
  teams: Team[];
  onSaved: (site: SiteSettings) => void;
}

/** Every setting of one site; Save sends only what changed. */
export function SiteForm({ site, teams, onSaved }: SiteFormProps) {
  const { t } = useI18n();
  const s = t.admin.sites;
  const [saved, setSavedDraft] = useState(() => draftOf(site));
  const [draft, setDraft] = useState(saved);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [busy, setBusy] = useState(false);
  const [justSaved, setJustSaved] = useState(false);
  const [secret, setSecret] = useState(site.identitySecret ?? null);
  const savedTimer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(savedTimer.current), []);

  const set = <K extends keyof SiteDraft>(key: K, value: SiteDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors(({ [key]: _gone, form: _form, ...rest }) => rest);
    setJustSaved(false);
  };

  const check = (d: SiteDraft): DraftErrors => {
    const found: DraftErrors = {};
    if (!d.name.trim()) found.name = s.nameRequired;
    if (!HEX.test(d.color)) found.color = s.colorInvalid;
    if (secondsOf(d.reassignAfter) === 'invalid') found.reassignAfter = s.number;
    if (secondsOf(d.autoReplyAfter) === 'invalid') found.autoReplyAfter = s.number;
    if (d.businessHours?.spans.some((x) => x.from >= x.to)) found.businessHours = s.spanOrder;
    return found;
  };

  const serverError = (err: unknown): DraftErrors => {
    if (!(err instanceof KefuError) || err.code !== 'BAD_REQUEST') return { form: errorText(t, err) };
    const field = fieldOfPath(err.path);
    if (!field) return { form: `${t.admin.invalid}: ${err.message}` };
    if (field === 'origins') {
      const index = Number(err.path?.split('.')[1]);
      const line = originLines(draft.origins)[index]?.line;
      return { origins: line ? `${s.originLine(line)} (${originLines(draft.origins)[index]!.origin})` : err.message };
    }
    return { [field]: `${t.admin.invalid}: ${err.message}` };
  };

  const patch = changes(saved, draft);
  const dirty = Object.keys(patch).length > 0;

  const submit = (e: Event) => {
    e.preventDefault();
    const found = check(draft);
    setErrors(found);
    if (Object.keys(found).length > 0 || !dirty || busy) return;
    setBusy(true);
    updateSite(site.id, patch).then(
      (after) => {
        setBusy(false);
        const next = draftOf(after);
        setSavedDraft(next);
        setDraft(next);
        setErrors({});
        setJustSaved(true);
        clearTimeout(savedTimer.current);
        savedTimer.current = setTimeout(() => setJustSaved(false), SAVED_SHOW_MS);
        onSaved(after);
      },
      (err: unknown) => {
        setBusy(false);
        setErrors(serverError(err));
      },
    );
  };

  const fieldError = (key: keyof DraftErrors, id: string) =>
    errors[key] ? (
      <span class="field-error" id={id} role="alert">
        {errors[key]}
      </span>
    ) : null;

  const preChatOf = (key: PreChatFieldKey) => draft.preChat.find((f) => f.key === key);
  const setPreChat = (key: PreChatFieldKey, asked: boolean, required: boolean) => {
    const rest = draft.preChat.filter((f) => f.key !== key);
    const next = asked ? [...rest, { key, required }] : rest;
    set('preChat', PRE_CHAT_KEYS.flatMap((k) => next.filter((f) => f.key === k)));
  };

  return (
    <form class="site-form" onSubmit={submit} noValidate aria-label={s.edit(site.name)}>
      <SnippetCard siteKey={site.publicKey} />

      <section class="card admin-card" aria-labelledby={`general-${site.id}`}>
        <h3 class="admin-card-title" id={`general-${site.id}`}>
          {s.general}
        </h3>
        <label class="field">
          <span class="field-label">{s.name}</span>
          <input value={draft.name} maxLength={120} aria-invalid={errors.name ? true : undefined} onInput={(e) => set('name', e.currentTarget.value)} />
          {fieldError('name', `name-error-${site.id}`)}
        </label>
        <label class="field">
          <span class="field-label">{s.origins}</span>
          <textarea
            class="textarea mono"
            rows={4}
            spellcheck={false}
            value={draft.origins}
            placeholder="https://shop.example.com"
            aria-invalid={errors.origins ? true : undefined}
            aria-describedby={`origins-hint-${site.id}`}
            onInput={(e) => set('origins', e.currentTarget.value)}
          />
          <span class="field-hint" id={`origins-hint-${site.id}`}>
            {s.originsHint}
          </span>
          {fieldError('origins', `origins-error-${site.id}`)}
        </label>
      </section>

      <section class="card admin-card" aria-labelledby={`look-${site.id}`}>
        <h3 class="admin-card-title" id={`look-${site.id}`}>
          {s.appearance}
        </h3>
        <div class="admin-grid">
          <div class="field">
            <span class="field-label">{s.color}</span>
            <span class="color-field">
              <input type="color" aria-label={s.color} value={HEX.test(draft.color) ? draft.color.toLowerCase() : '#000000'} onInput={(e) => set('color', e.currentTarget.value)} />
              <input
                class="mono"
                aria-label={s.colorHex}
                value={draft.color}
                maxLength={7}
                spellcheck={false}
                aria-invalid={errors.color ? true : undefined}
                onInput={(e) => set('color', e.currentTarget.value.trim())}
              />
            </span>
            {fieldError('color', `color-error-${site.id}`)}
          </div>
          <div class="field">
            <span class="field-label">{s.position}</span>
            <div class="segmented" role="radiogroup" aria-label={s.position}>
              {(['right', 'left'] as const).map((p) => (
                <label key={p} class={draft.position === p ? 'is-active' : ''}>
                  <input type="radio" name={`position-${site.id}`} checked={draft.position === p} onChange={() => set('position', p)} />
                  {s.positions[p]}
                </label>
              ))}
            </div>
          </div>
          <label class="field">
            <span class="field-label">{s.locale}</span>
            <select class="select" value={draft.locale} onChange={(e) => set('locale', e.currentTarget.value as SiteDraft['locale'])}>
              {(['auto', 'en', 'zh-CN'] as const).map((l) => (
                <option key={l} value={l}>
                  {s.locales[l]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label class="field">
          <span class="field-label">{s.greeting}</span>
          <textarea class="textarea" rows={2} maxLength={500} value={draft.greeting} aria-invalid={errors.greeting ? true : undefined} onInput={(e) => set('greeting', e.currentTarget.value)} />
          <span class="field-hint">{s.greetingHint}</span>
          {fieldError('greeting', `greeting-error-${site.id}`)}
        </label>
        <div class="admin-grid admin-grid-2">
          <label class="field">
            <span class="field-label">{s.agentName}</span>
            <input value={draft.agentDisplayName} maxLength={120} aria-invalid={errors.agentDisplayName ? true : undefined} onInput={(e) => set('agentDisplayName', e.currentTarget.value)} />
            <span class="field-hint">{s.agentNameHint}</span>
            {fieldError('agentDisplayName', `agent-name-error-${site.id}`)}
          </label>
          <label class="field">
            <span class="field-label">{s.avatar}</span>
            <input type="url" value={draft.agentAvatarUrl} placeholder="https://" aria-invalid={errors.agentAvatarUrl ? true : undefined} onInput={(e) => set('agentAvatarUrl', e.currentTarget.value)} />
            <span class="field-hint">{s.avatarHint}</span>
            {fieldError('agentAvatarUrl', `avatar-error-${site.id}`)}
          </label>
        </div>
      </section>

      <section class="card admin-card" aria-labelledby={`hours-${site.id}`}>
        <h3 class="admin-card-title" id={`hours-${site.id}`}>
          {s.hours}
        </h3>
        <HoursEditor value={draft.businessHours} onChange={(v) => set('businessHours', v)} error={errors.businessHours} />
      </section>

      <section class="card admin-card" aria-labelledby={`prechat-${site.id}`}>
        <h3 class="admin-card-title" id={`prechat-${site.id}`}>
          {s.preChat}
        </h3>
        <p class="field-hint">{s.preChatLead}</p>
        <ul class="prechat-list">
          {PRE_CHAT_KEYS.map((key) => {
            const field = preChatOf(key);
            return (
              <li key={key} class="prechat-row">
                <span class="prechat-name">{s.preChatFields[key]}</span>
                <label class="check">
                  <input type="checkbox" checked={!!field} onChange={(e) => setPreChat(key, e.currentTarget.checked, field?.required ?? false)} />
                  {s.ask}
                </label>
                <label class={`check ${field ? '' : 'is-disabled'}`}>
                  <input type="checkbox" disabled={!field} checked={field?.required ?? false} onChange={(e) => setPreChat(key, true, e.currentTarget.checked)} />
                  {s.required}
                </label>
              </li>
            );
          })}
        </ul>
        {fieldError('preChat', `prechat-error-${site.id}`)}
        <DepartmentsEditor siteId={site.id} teams={teams} value={draft.departments} onChange={(ids) => set('departments', ids)} error={errors.departments} />
      </section>

      <section class="card admin-card" aria-labelledby={`routing-${site.id}`}>
        <h3 class="admin-card-title" id={`routing-${site.id}`}>
          {s.routing}
        </h3>
        <div class="field">
          <span class="field-label">{s.mode}</span>
          <div class="segmented" role="radiogroup" aria-label={s.mode}>
            {(['auto', 'manual'] as const).map((m) => (
              <label key={m} class={draft.mode === m ? 'is-active' : ''}>
                <input type="radio" name={`mode-${site.id}`} checked={draft.mode === m} onChange={() => set('mode', m)} />
                {s.modes[m]}
              </label>
            ))}
          </div>
          <span class="field-hint">{s.modeHints[draft.mode]}</span>
          {fieldError('mode', `mode-error-${site.id}`)}
        </div>
        <label class="field">
          <span class="field-label">{s.team}</span>
          <select class="select" value={draft.teamId} onChange={(e) => set('teamId', e.currentTarget.value)}>
            <option value="">{s.everyone}</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
          {fieldError('teamId', `team-error-${site.id}`)}
        </label>
        <div class="admin-grid admin-grid-2">
          <label class="field">
            <span class="field-label">{s.reassignAfter}</span>
            <input inputMode="numeric" value={draft.reassignAfter} aria-invalid={errors.reassignAfter ? true : undefined} onInput={(e) => set('reassignAfter', e.currentTarget.value)} />
            <span class="field-hint">{s.reassignHint}</span>
            {fieldError('reassignAfter', `reassign-error-${site.id}`)}
          </label>
          <label class="field">
            <span class="field-label">{s.autoReplyAfter}</span>
            <input inputMode="numeric" value={draft.autoReplyAfter} aria-invalid={errors.autoReplyAfter ? true : undefined} onInput={(e) => set('autoReplyAfter', e.currentTarget.value)} />
            <span class="field-hint">{s.autoReplyHint}</span>
            {fieldError('autoReplyAfter', `auto-after-error-${site.id}`)}
          </label>
        </div>
        <label class="field">
          <span class="field-label">{s.autoReply}</span>
          <textarea class="textarea" rows={2} maxLength={1000} value={draft.autoReply} placeholder={s.autoReplyPlaceholder} aria-invalid={errors.autoReply ? true : undefined} onInput={(e) => set('autoReply', e.currentTarget.value)} />
          {fieldError('autoReply', `auto-reply-error-${site.id}`)}
        </label>
      </section>

      <IdentityCard
        siteId={site.id}
        secret={secret}
        onRotated={setSecret}
        enforced={draft.identityEnforced}
        onEnforced={(on) => set('identityEnforced', on)}
        error={errors.identityEnforced}
      />

      <div class="admin-savebar">
        {errors.form && (
          <p class="notice notice-error" role="alert">
            {errors.form}
          </p>
        )}
        <span class="admin-saved" role="status">
          {justSaved ? t.admin.saved : !dirty ? t.admin.noChanges : ''}
        </span>
        <button type="submit" class="btn-primary" disabled={busy || !dirty}>
          {busy && <span class="spinner" aria-hidden="true" />}
          {busy ? t.admin.saving : t.admin.save}
        </button>
      </div>
    </form>
  );
}
