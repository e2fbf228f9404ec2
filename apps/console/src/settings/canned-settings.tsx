import { deleteCannedReply, type Agent, type CannedReply } from '@kefu/client';
import { useState } from 'preact/hooks';
import { PlusIcon, SearchIcon } from '../components/icons.js';
import { RowActions } from '../components/row-actions.js';
import { useClient } from '../hooks/use-client.js';
import { useI18n } from '../hooks/use-i18n.js';
import { errorText } from '../i18n.js';
import { CannedForm } from './canned-form.js';
import { useCannedReplies } from '../hooks/use-canned-replies.js';

function matches(r: CannedReply, q: string): boolean {
  return !q || r.shortcut.includes(q) || r.body.toLowerCase().includes(q);
}

/** Shared and personal canned replies: create, edit, delete; live with colleagues' changes. */
export function CannedSettings({ agent }: { agent: Agent }) {
  const { t } = useI18n();
  const client = useClient();
  const canned = useCannedReplies(client);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ id: string; text: string } | null>(null);
  const [query, setQuery] = useState('');

  const remove = (r: CannedReply) => {
    setRowError(null);
    deleteCannedReply(location.origin, r.id).then(
      () => {
        setConfirming(null);
        canned.reload();
      },
      (err: unknown) => {
        setConfirming(null);
        setRowError({ id: r.id, text: (err as { code?: string }).code === 'FORBIDDEN' ? t.canned.forbidden : errorText(t, err) });
      },
    );
  };
  const saved = () => {
    setEditing(null);
    canned.reload();
  };

  const q = query.trim().toLowerCase();
  const groups = (['shared', 'personal'] as const).map((scope) => ({ scope, replies: canned.replies.filter((r) => r.scope === scope && matches(r, q)) }));

  return (
    <div class="settings-section" aria-labelledby="cr-title">
      <div class="settings-section-header">
        <div>
          <h2 id="cr-title" class="settings-title">
            {t.canned.title}
          </h2>
          <p class="settings-lead">{t.canned.lead}</p>
        </div>
        <button type="button" class="btn-primary" onClick={() => setEditing('new')} disabled={editing === 'new'}>
          <PlusIcon />
          {t.canned.add}
        </button>
      </div>
      {editing === 'new' && (
        <div class="card">
          <CannedForm onDone={saved} onCancel={() => setEditing(null)} />
        </div>
      )}
      {canned.replies.length > 5 && (
        <label class="search-box cr-search">
          <SearchIcon />
          <input type="search" placeholder={t.canned.search} aria-label={t.canned.search} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        </label>
      )}
      {canned.error !== null && (
        <p class="notice notice-error" role="alert">
          {errorText(t, canned.error)}
        </p>
      )}
      {canned.loaded &&
        groups.map(({ scope, replies }) => (
          <section key={scope} class="cr-group" aria-label={t.canned.groups[scope]}>
            <h3 class="cr-group-title">
              {t.canned.groups[scope]}
              <span class="count-pill">{replies.length}</span>
            </h3>
            {replies.length === 0 ? (
              <p class="cr-empty">{q ? t.radar.noMatch : t.canned.empty[scope]}</p>
            ) : (
              <ul class="cr-list">
                {replies.map((r) =>
                  editing === r.id ? (
                    <li key={r.id} class="cr-item is-editing">
                      <CannedForm reply={r} onDone={saved} onCancel={() => setEditing(null)} />
                    </li>
                  ) : (
                    <li key={r.id} class="cr-item" data-shortcut={r.shortcut}>
                      <div class="cr-main">
                        <code class="cr-shortcut">/{r.shortcut}</code>
                        {r.scope === 'shared' && r.ownerId === agent.id && <span class="badge badge-neutral">{t.canned.yours}</span>}
                        <p class="cr-body">{r.body}</p>
                        {rowError?.id === r.id && (
                          <p class="field-error" role="alert">
                            {rowError.text}
                          </p>
                        )}
                      </div>
                      <RowActions
                        confirming={confirming === r.id}
                        editLabel={t.canned.edit(r.shortcut)}
                        deleteLabel={t.canned.delete(r.shortcut)}
                        confirmLabel={t.canned.confirmDelete}
                        onEdit={() => setEditing(r.id)}
                        onAskDelete={() => setConfirming(r.id)}
                        onCancel={() => setConfirming(null)}
                        onConfirm={() => remove(r)}
                      />
                    </li>
                  ),
                )}
              </ul>
            )}
          </section>
        ))}
    </div>
  );
}
