import { KefuError, type SiteSettings } from '@kefu/client';
import { useState } from 'preact/hooks';
import { PlusIcon } from '../components/icons.js';
import { useClient } from '../hooks/use-client.js';
import { useI18n } from '../hooks/use-i18n.js';
import { errorText } from '../i18n.js';
import { createSite, listSites } from './api.js';
import { SiteForm } from './site-form.js';
import { useAdminList } from './use-admin-list.js';
import { useTeams } from './use-teams.js';

function NewSiteForm({ onCreated, onCancel }: { onCreated: (site: SiteSettings) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const s = t.admin.sites;
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (e: Event) => {
    e.preventDefault();
    if (!name.trim()) return setError(s.nameRequired);
    setBusy(true);
    createSite({ name: name.trim() }).then(onCreated, (err: unknown) => {
      setBusy(false);
      setError(err instanceof KefuError && err.path === 'name' ? `${t.admin.invalid}: ${err.message}` : errorText(t, err));
    });
  };
  return (
    <form class="card admin-inline-form" onSubmit={submit} noValidate aria-label={s.add}>
      <label class="field">
        <span class="field-label">{s.name}</span>
        <input autoFocus value={name} maxLength={120} placeholder={s.namePlaceholder} aria-invalid={error ? true : undefined} onInput={(e) => (setName(e.currentTarget.value), setError(null))} />
        {error && (
          <span class="field-error" role="alert">
            {error}
          </span>
        )}
      </label>
      <div class="admin-actions">
        <button type="button" class="btn-secondary" onClick={onCancel}>
          {t.common.cancel}
        </button>
        <button type="submit" class="btn-primary" disabled={busy}>
          {s.create}
        </button>
      </div>
    </form>
  );
}

/** The workspace's sites: create one, pick one, edit everything about it. */
export function SitesAdmin() {
  const { t } = useI18n();
  const s = t.admin.sites;
  const client = useClient();
  const sites = useAdminList(client, 'sites', listSites);
  const teams = useTeams(client);
  const [creating, setCreating] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  const current = sites.items.find((x) => x.id === chosen) ?? sites.items[0];

  return (
    <div class="settings-section admin-section" aria-labelledby="sites-title">
      <div class="settings-section-header">
        <div>
          <h2 id="sites-title" class="settings-title">
            {s.title}
          </h2>
          <p class="settings-lead">{s.lead}</p>
        </div>
        <button type="button" class="btn-primary" onClick={() => setCreating(true)} disabled={creating}>
          <PlusIcon />
          {s.add}
        </button>
      </div>
      {creating && (
        <NewSiteForm
          onCreated={(site) => {
            setCreating(false);
            setChosen(site.id);
            sites.reload();
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      {sites.error !== null && (
        <p class="notice notice-error" role="alert">
          {errorText(t, sites.error)}
        </p>
      )}
      {sites.loaded && sites.items.length === 0 && <p class="cr-empty">{s.none}</p>}
      {sites.items.length > 0 && (
        <div class="segmented admin-picker" role="tablist" aria-label={s.title}>
          {sites.items.map((site) => (
            <button key={site.id} type="button" role="tab" aria-selected={site.id === current?.id} class={site.id === current?.id ? 'is-active' : ''} onClick={() => setChosen(site.id)}>
              <span class="site-dot" style={{ background: site.color }} aria-hidden="true" />
              {site.name}
            </button>
          ))}
        </div>
      )}
      {current && (
        <>
          <p class="admin-meta">
            {s.key}
            {t.common.colon}
            <code class="mono">{current.publicKey}</code>
          </p>
          <SiteForm key={current.id} site={current} teams={teams} onSaved={sites.reload} />
        </>
      )}
    </div>
  );
}
