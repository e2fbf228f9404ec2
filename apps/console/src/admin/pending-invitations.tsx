import type { AgentRole, PendingInvitation } from '@kefu/client';
import { useState } from 'preact/hooks';
import { RowActions } from '../components/row-actions.js';
import { useI18n } from '../hooks/use-i18n.js';
import { errorText } from '../i18n.js';
import { revokeInvitation } from './api.js';
import type { AdminList } from './use-admin-list.js';

interface PendingInvitationsProps {
  invitations: AdminList<PendingInvitation>;
  /** Roles the signed-in admin may hand out: only owners revoke an owner's invitation. */
  roles: AgentRole[];
}

/** Links not used yet and not expired, each revocable after a second click; live through the agents topic. */
export function PendingInvitations({ invitations, roles }: PendingInvitationsProps) {
  const { t, lang } = useI18n();
  const a = t.admin.agents;
  const [confirming, setConfirming] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ id: string; text: string } | null>(null);
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });

  const revoke = (invitation: PendingInvitation) => {
    setRowError(null);
    revokeInvitation(invitation.id).then(
      () => {
        setConfirming(null);
        invitations.reload();
      },
      (err: unknown) => {
        setConfirming(null);
        setRowError({ id: invitation.id, text: errorText(t, err) });
        // Revoked or accepted meanwhile by someone else: the list says which.
        invitations.reload();
      },
    );
  };

  if (invitations.items.length === 0) return null;
  return (
    <section class="pending-invitations" aria-labelledby="pending-invitations-title">
      <h3 id="pending-invitations-title" class="admin-card-title">
        {a.pending}
      </h3>
      <p class="field-hint">{a.pendingLead}</p>
      <ul class="cr-list" aria-label={a.pending}>
        {invitations.items.map((invitation) => (
          <li key={invitation.id} class="cr-item" data-invitation-email={invitation.email}>
            <div class="cr-main">
              <span class="toggle-label">{invitation.name}</span>
              <span class="count-pill">{t.team.roles[invitation.role]}</span>
              <p class="cr-body">
                {[invitation.email, invitation.invitedBy ? a.invitedBy(invitation.invitedBy.name) : null, a.expires(date.format(invitation.expiresAt))].filter(Boolean).join(' · ')}
              </p>
              {confirming === invitation.id && <p class="cr-body">{a.confirmRevoke(invitation.email)}</p>}
              {rowError?.id === invitation.id && (
                <p class="field-error" role="alert">
                  {rowError.text}
                </p>
              )}
            </div>
            {roles.includes(invitation.role) && (
              <RowActions
                confirming={confirming === invitation.id}
                deleteLabel={a.revokeFor(invitation.email)}
                confirmLabel={a.revoke}
                onAskDelete={() => setConfirming(invitation.id)}
                onCancel={() => setConfirming(null)}
                onConfirm={() => revoke(invitation)}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
