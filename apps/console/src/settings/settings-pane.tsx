import type { Agent, AgentPresence } from '@kefu/client';
import { useState } from 'preact/hooks';
import { AgentsAdmin } from '../admin/agents-admin.js';
import { SitesAdmin } from '../admin/sites-admin.js';
import { TeamsAdmin } from '../admin/teams-admin.js';
import '../admin/admin.css';
import { Avatar } from '../components/avatar.js';
import { LanguageSwitch } from '../components/language-switch.js';
import { useI18n } from '../hooks/use-i18n.js';
import { CannedSettings } from './canned-settings.js';
import { InstallApp } from './install-app.js';
import { AwaySettings, NotificationSettings } from './notification-settings.js';
import '../components/ui.css';
import './settings.css';

type Tab = 'canned' | 'notifications' | 'status' | 'team' | 'general' | AdminTab;
const TABS: Tab[] = ['canned', 'notifications', 'status', 'team', 'general'];
/** Owners and admins only; the server refuses these routes to agents anyway. */
type AdminTab = 'sites' | 'agents' | 'teams';
const ADMIN_TABS: AdminTab[] = ['sites', 'agents', 'teams'];
const isAdminTab = (tab: Tab): tab is AdminTab => (ADMIN_TABS as Tab[]).includes(tab);

interface SettingsPaneProps {
  agent: Agent;
  team: AgentPresence[];
}

function Team({ team }: { team: AgentPresence[] }) {
  const { t } = useI18n();
  return (
    <div class="settings-section" aria-labelledby="team-title">
      <div class="settings-section-header">
        <div>
          <h2 id="team-title" class="settings-title">
            {t.team.title}
          </h2>
          <p class="settings-lead">{t.team.lead}</p>
        </div>
      </div>
      <ul class="card card-list settings-team">
        {team.map((a) => (
          <li key={a.id} class="toggle-row">
            <Avatar name={a.name} size="sm" status={a.status} statusLabel={t.presence[a.status]} />
            <span class="toggle-text">
              <span class="toggle-label">{a.name}</span>
              <span class="toggle-hint">
                {a.email} · {t.team.roles[a.role]}
              </span>
            </span>
            <span class={`team-status is-${a.status}`}>{t.presence[a.status]}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The agent's settings: canned replies, notifications, status, team, language, desktop app. */
export function SettingsPane({ agent, team }: SettingsPaneProps) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('canned');
  const isAdmin = agent.role === 'owner' || agent.role === 'admin';
  const tabs: Tab[] = isAdmin ? [...TABS, ...ADMIN_TABS] : TABS;
  return (
    <section class="settings" aria-label={t.settings.title}>
      <div class="pane-header">
        <h2 class="pane-title">{t.settings.title}</h2>
      </div>
      <div class="settings-body">
        <nav class="settings-tabs" aria-label={t.settings.title}>
          {tabs.map((id) => (
            <button
              key={id}
              type="button"
              class={`settings-tab ${tab === id ? 'is-active' : ''} ${id === 'sites' ? 'settings-tab-first-admin' : ''}`}
              aria-current={tab === id ? 'page' : undefined}
              onClick={() => setTab(id)}
            >
              {isAdminTab(id) ? t.admin.tabs[id] : t.settings.tabs[id]}
            </button>
          ))}
        </nav>
        <div class="settings-content">
          {tab === 'canned' && <CannedSettings agent={agent} />}
          {tab === 'notifications' && <NotificationSettings />}
          {tab === 'status' && <AwaySettings />}
          {tab === 'team' && <Team team={team} />}
          {isAdmin && tab === 'sites' && <SitesAdmin />}
          {isAdmin && tab === 'agents' && <AgentsAdmin agent={agent} team={team} />}
          {isAdmin && tab === 'teams' && <TeamsAdmin team={team} />}
          {tab === 'general' && (
            <>
              <div class="settings-section" aria-labelledby="general-title">
                <div class="settings-section-header">
                  <h2 id="general-title" class="settings-title">
                    {t.language}
                  </h2>
                </div>
                <div class="card card-list">
                  <div class="toggle-row">
                    <span class="toggle-text">
                      <span class="toggle-label">{t.settings.languageLabel}</span>
                    </span>
                    <LanguageSwitch />
                  </div>
                </div>
              </div>
              <InstallApp />
            </>
          )}
        </div>
      </div>
    </section>
  );
}
