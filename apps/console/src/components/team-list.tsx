import type { AgentPresence, PresenceStatus } from '@kefu/client';
import { useI18n } from '../hooks/use-i18n.js';
import { Avatar } from './avatar.js';
import './status.css';

const ORDER: Record<PresenceStatus, number> = { online: 0, away: 1, offline: 2 };

/** Colleagues with their presence: who is online to take a chat or a transfer. */
export function TeamList({ team, meId }: { team: AgentPresence[]; meId: string }) {
  const { t } = useI18n();
  const others = team.filter((a) => a.id !== meId).sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.name.localeCompare(b.name));
  if (others.length === 0) return null;
  const online = others.filter((a) => a.status !== 'offline').length;
  return (
    <section class="team" aria-label={t.team.title}>
      <h3 class="team-title">
        {t.team.title}
        <span class="team-count">{t.team.online(online)}</span>
      </h3>
      <ul class="team-list">
        {others.map((a) => (
          <li key={a.id} class="team-member" data-status={a.status}>
            <Avatar name={a.name} size="sm" status={a.status} statusLabel={t.presence[a.status]} />
            <span class="team-name" title={a.email}>
              {a.name}
            </span>
            <span class={`team-status is-${a.status}`}>{t.presence[a.status]}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
