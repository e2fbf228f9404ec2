import { KefuError, type AgentPresence, type Team } from '@kefu/client';
import { useState } from 'preact/hooks';
import { PlusIcon } from '../components/icons.js';
import { RowActions } from '../components/row-actions.js';
import { useClient } from '../hooks/use-client.js';
import { useI18n } from '../hooks/use-i18n.js';
import { errorText } from '../i18n.js';
import { createTeam, deleteTeam, listTeams, updateTeam } from './api.js';
import { useAdminList } from './use-admin-list.js';

interface TeamFormProps {
  team?: Team;
  agents: AgentPresence[];
  onDone: () => void;
  onCancel: () => void;
}

/** A team's name and members; creates when `team` is absent. */
function TeamForm({ team, agents, onDone, onCancel }: TeamFormProps) {
  const { t } = useI18n();
  const tt = t.admin.teams;
  const [name, setName] = useState(team?.name ?? '');
  const [members, setMembers] = useState<string[]>(team?.agentIds ?? []);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (e: Event) => {
    e.preventDefault();
    if (!name.trim()) return setError(tt.nameRequired);
    setBusy(true);
    const body = { name: name.trim(), agentIds: members };
    (team ? updateTeam(team.id, body) : createTeam(body)).then(onDone, (err: unknown) => {
      setBusy(false);
      setError(err instanceof KefuError && err.path === 'name' ? `${t.admin.invalid}: ${err.message}` : errorText(t, err));
    });
  };

  return (
    <form class="admin-inline-form" onSubmit={submit} noValidate aria-label={team ? tt.edit(team.name) : tt.add}>
      <label class="field">
        <span class="field-label">{tt.name}</span>
        <input autoFocus value={name} maxLength={80} placeholder={tt.namePlaceholder} aria-invalid={error ? true : undefined} onInput={(e) => (setName(e.currentTarget.value), setError(null))} />
        {error && (
          <span class="field-error" role="alert">
            {error}
          </span>
        )}
      </label>
      <fieldset class="field admin-fieldset">
        <legend class="field-label">{tt.members}</legend>
        <div class="check-list">
          {agents.map((agent) => (
            <label key={agent.id} class="check">
              <input
                type="checkbox"
                checked={members.includes(agent.id)}
                onChange={(e) => setMembers(e.currentTarget.checked ? [...members, agent.id] : members.filter((id) => id !== agent.id))}
              />
              {agent.name}
            </label>
          ))}
        </div>
      </fieldset>
      <div class="admin-actions">
        <button type="button" class="btn-secondary" onClick={onCancel}>
          {t.common.cancel}
        </button>
        <button type="submit" class="btn-primary" disabled={busy}>
          {team ? t.common.save : tt.create}
        </button>
      </div>
    </form>
  );
}

/** Teams (departments): create, rename, choose members, delete. */
export function TeamsAdmin({ team: agents }: { team: AgentPresence[] }) {
  const { t } = useI18n();
  const tt = t.admin.teams;
  const client = useClient();
  const teams = useAdminList(client, 'teams', listTeams);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ id: string; text: string } | null>(null);
  const nameOf = (id: string) => agents.find((a) => a.id === id)?.name;
  const done = () => {
    setEditing(null);
    teams.reload();
  };
  const remove = (team: Team) => {
    deleteTeam(team.id).then(
      () => {
        setConfirming(null);
        teams.reload();
      },
      (err: unknown) => {
        setConfirming(null);
        setRowError({ id: team.id, text: errorText(t, err) });
      },
    );
  };

  return (
    <div class="settings-section admin-section" aria-labelledby="teams-title">
      <div class="settings-section-header">
        <div>
          <h2 id="teams-title" class="settings-title">
            {tt.title}
          </h2>
          <p class="settings-lead">{tt.lead}</p>
        </div>
        <button type="button" class="btn-primary" onClick={() => setEditing('new')} disabled={editing === 'new'}>
          <PlusIcon />
          {tt.add}
        </button>
      </div>
      {editing === 'new' && (
        <div class="card">
          <TeamForm agents={agents} onDone={done} onCancel={() => setEditing(null)} />
        </div>
      )}
      {teams.error !== null && (
        <p class="notice notice-error" role="alert">
          {errorText(t, teams.error)}
        </p>
      )}
      {teams.loaded && teams.items.length === 0 && editing !== 'new' && <p class="cr-empty">{tt.none}</p>}
      {teams.items.length > 0 && (
        <ul class="cr-list" aria-label={tt.title}>
          {teams.items.map((team) =>
            editing === team.id ? (
              <li key={team.id} class="cr-item is-editing">
                <TeamForm team={team} agents={agents} onDone={done} onCancel={() => setEditing(null)} />
              </li>
            ) : (
              <li key={team.id} class="cr-item" data-team={team.name}>
                <div class="cr-main">
                  <span class="toggle-label">{team.name}</span>
                  <span class="count-pill">{tt.memberCount(team.agentIds.length)}</span>
                  <p class="cr-body">{team.agentIds.map(nameOf).filter(Boolean).join(', ')}</p>
                  {confirming === team.id && <p class="cr-body">{tt.confirmDelete(team.name)}</p>}
                  {rowError?.id === team.id && (
                    <p class="field-error" role="alert">
                      {rowError.text}
                    </p>
                  )}
                </div>
                <RowActions
                  confirming={confirming === team.id}
                  editLabel={tt.edit(team.name)}
                  deleteLabel={tt.delete(team.name)}
                  confirmLabel={t.common.delete}
                  onEdit={() => setEditing(team.id)}
                  onAskDelete={() => setConfirming(team.id)}
                  onCancel={() => setConfirming(null)}
                  onConfirm={() => remove(team)}
                />
              </li>
            ),
          )}
        </ul>
      )}
    </div>
  );
}
