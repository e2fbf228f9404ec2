import { KefuError, type Agent, type AgentPresence, type ConversationSummary, type PresenceStatus } from '@kefu/client';
import { useState } from 'preact/hooks';
import { Avatar } from '../components/avatar.js';
import { useTeams } from '../admin/use-teams.js';
import { BackIcon, CheckCircleIcon, GlobeIcon, HandIcon, ReopenIcon, TransferIcon, UserIcon, UsersIcon } from '../components/icons.js';
import { useClient } from '../hooks/use-client.js';
import { useI18n } from '../hooks/use-i18n.js';
import { errorText } from '../i18n.js';
import { TagsEditor } from './tags-editor.js';
import { TransferDialog } from './transfer-dialog.js';

interface ConversationHeaderProps {
  summary: ConversationSummary | undefined;
  visitorName: string;
  status: PresenceStatus | undefined;
  agent: Agent;
  team: AgentPresence[];
  onBack: () => void;
  /** An action's answer: the conversation as it is now. */
  onChanged: (summary: ConversationSummary) => void;
}

type Busy = 'take' | 'close' | 'reopen' | 'tags' | null;

export function ConversationHeader({ summary, visitorName, status, agent, team, onBack, onChanged }: ConversationHeaderProps) {
  const { t } = useI18n();
  const client = useClient();
  const [busy, setBusy] = useState<Busy>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [transferring, setTransferring] = useState(false);
  const closed = summary?.status === 'closed';
  const assignee = summary?.assigneeId ? team.find((a) => a.id === summary.assigneeId) : undefined;
  // The team it is routed to (the site's, the visitor's pre-chat department, a transfer).
  const routedTeam = useTeams(client).find((x) => x.id === summary?.teamId);

  const run = async (what: Exclude<Busy, null>, action: () => Promise<ConversationSummary>): Promise<boolean> => {
    setBusy(what);
    setProblem(null);
    try {
      onChanged(await action());
      return true;
    } catch (err) {
      setProblem(what === 'reopen' && err instanceof KefuError && err.code === 'CONFLICT' ? t.desk.reopenConflict : errorText(t, err));
      return false;
    } finally {
      setBusy(null);
    }
  };

  const id = summary?.id;
  return (
    <>
      <div class="pane-header conversation-header">
        <button type="button" class="icon-btn back-btn" onClick={onBack} aria-label={t.conversation.back} title={t.conversation.back}>
          <BackIcon />
        </button>
        <Avatar name={visitorName} {...(status ? { status, statusLabel: t.presence[status] } : {})} />
        <div class="conversation-title">
          <h2 class="pane-title">{visitorName}</h2>
          {summary && (
            <span class="conversation-site">
              <GlobeIcon />
              {summary.siteName}
              {status && <span class={`presence-text is-${status}`}> · {t.presence[status]}</span>}
            </span>
          )}
        </div>
        {summary && (
          <div class="conversation-actions" role="toolbar" aria-label={t.desk.actions}>
            {!closed && summary.assigneeId === null && (
              <button type="button" class="btn-primary action-btn" disabled={busy !== null} onClick={() => void run('take', () => client.assign(id!, agent.id))}>
                <HandIcon />
                <span class="action-label">{t.desk.take}</span>
              </button>
            )}
            {/* Supervisors (owners, admins) may take a colleague's chat over; the visitor is told who joined. */}
            {!closed && summary.assigneeId !== null && summary.assigneeId !== agent.id && agent.role !== 'agent' && (
              <button type="button" class="btn-secondary action-btn" disabled={busy !== null} onClick={() => void run('take', () => client.assign(id!, agent.id))} title={t.desk.takeOver}>
                <HandIcon />
                <span class="action-label">{t.desk.takeOver}</span>
              </button>
            )}
            {/* A colleague's chat moves only by a supervisor's hand (the server refuses agents too). */}
            {!closed && (agent.role !== 'agent' || summary.assigneeId === null || summary.assigneeId === agent.id) && (
              <button type="button" class="btn-secondary action-btn" disabled={busy !== null} onClick={() => setTransferring(true)} title={t.desk.transfer}>
                <TransferIcon />
                <span class="action-label">{t.desk.transfer}</span>
              </button>
            )}
            {closed ? (
              <button type="button" class="btn-secondary action-btn" disabled={busy !== null} onClick={() => void run('reopen', () => client.reopenConversation(id!))} title={t.desk.reopen}>
                <ReopenIcon />
                <span class="action-label">{t.desk.reopen}</span>
              </button>
            ) : (
              <button type="button" class="btn-secondary action-btn" disabled={busy !== null} onClick={() => void run('close', () => client.closeConversation(id!))} title={t.desk.close}>
                <CheckCircleIcon />
                <span class="action-label">{t.desk.close}</span>
              </button>
            )}
            <span class={`status-pill ${closed ? 'is-closed' : 'is-open'}`}>{closed ? t.conversation.statusClosed : t.conversation.statusOpen}</span>
          </div>
        )}
      </div>
      {summary && (
        <div class="conversation-subheader">
          <span class={`assignee-chip ${summary.assigneeId ? '' : 'is-queue'}`}>
            <UserIcon />
            <span class="assignee-name">
              {summary.assigneeId === agent.id
                ? t.desk.assignedToYou
                : summary.assigneeId
                  ? t.desk.assignedTo(assignee?.name ?? '…')
                  : t.desk.notAssigned}
            </span>
          </span>
          {routedTeam && (
            <span class="assignee-chip team-chip" title={`${t.admin.transfer.team}: ${routedTeam.name}`}>
              <UsersIcon />
              <span class="sr-only">{t.admin.transfer.team}: </span>
              <span class="assignee-name">{routedTeam.name}</span>
            </span>
          )}
          <TagsEditor
            tags={summary.tags ?? []}
            disabled={busy === 'tags'}
            onAdd={async (tag) => void (await run('tags', () => client.updateTags(id!, { add: [tag] })))}
            onRemove={async (tag) => void (await run('tags', () => client.updateTags(id!, { remove: [tag] })))}
          />
        </div>
      )}
      {problem && (
        <div class="banner banner-error action-problem" role="alert">
          <span>{problem}</span>
          <button type="button" class="btn-link" onClick={() => setProblem(null)}>
            {t.desk.dismiss}
          </button>
        </div>
      )}
      {transferring && summary && (
        <TransferDialog
          visitorName={visitorName}
          colleagues={team.filter((a) => a.id !== agent.id && a.id !== summary.assigneeId)}
          onTransfer={(to, note) => run('take', () => client.assign(summary.id, to.agentId ?? null, note || undefined, to.teamId))}
          onClose={() => setTransferring(false)}
        />
      )}
    </>
  );
}
