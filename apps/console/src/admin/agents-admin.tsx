import type { Agent, AgentPresence, AgentRole } from '@kefu/client';
import { useState } from 'preact/hooks';
import { PlusIcon } from '../components/icons.js';
import { useClient } from '../hooks/use-client.js';
import { useI18n } from '../hooks/use-i18n.js';
import { errorText } from '../i18n.js';
import { AgentRow } from './agent-row.js';
import { listAgentAccounts, listInvitations } from './api.js';
import { InviteForm } from './invite-form.js';
import { PendingInvitations } from './pending-invitations.js';
import { useAdminList } from './use-admin-list.js';
import { useTeams } from './use-teams.js';

/** What a role may hand out: owners anything, admins admin and agent. */
export const grantableRoles = (me: Agent): AgentRole[] => (me.role === 'owner' ? ['owner', 'admin', 'agent'] : ['admin', 'agent']);

/** The workspace's agents and pending invitations, live (re-listed on `workspaceChanged` agents), with presence from the team list. */
export function AgentsAdmin({ agent, team }: { agent: Agent; team: AgentPresence[] }) {
  const { t } = useI18n();
  const a = t.admin.agents;
  const client = useClient();
  const accounts = useAdminList(client, 'agents', listAgentAccounts);
  // Invitations and revocations push `agents` too: another admin's show up here.
  const invitations = useAdminList(client, 'agents', listInvitations);
  const teams = useTeams(client);
  const [inviting, setInviting] = useState(false);
  const statusOf = (id: string) => team.find((x) => x.id === id)?.status ?? 'offline';
  const roles = grantableRoles(agent);

  return (
    <div class="settings-section admin-section" aria-labelledby="agents-title">
      <div class="settings-section-header">
        <div>
          <h2 id="agents-title" class="settings-title">
            {a.title}
          </h2>
          <p class="settings-lead">{a.lead}</p>
        </div>
        <button type="button" class="btn-primary" onClick={() => setInviting(true)} disabled={inviting}>
          <PlusIcon />
          {a.invite}
        </button>
      </div>
      {inviting && <InviteForm roles={roles} teams={teams} onDone={() => setInviting(false)} onInvited={invitations.reload} />}
      {accounts.error !== null && (
        <p class="notice notice-error" role="alert">
          {errorText(t, accounts.error)}
        </p>
      )}
      {accounts.items.length > 0 && (
        <ul class="card card-list agent-list" aria-label={a.title}>
          {accounts.items.map((account) => (
            <AgentRow key={account.id} account={account} status={statusOf(account.id)} teams={teams} isMe={account.id === agent.id} roles={roles} onChanged={accounts.reload} />
          ))}
        </ul>
      )}
      <PendingInvitations invitations={invitations} roles={roles} />
    </div>
  );
}
