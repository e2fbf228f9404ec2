import type { Agent, AgentPresence, ConnectionState } from '@kefu/client';
import type { ComponentChildren } from 'preact';
import { useI18n } from '../hooks/use-i18n.js';
import type { Section } from '../hooks/use-route.js';
import { Avatar } from './avatar.js';
import { ConnectionStatus } from './connection-status.js';
import { InboxIcon, LogoMark, SettingsIcon, SignOutIcon, UsersIcon } from './icons.js';
import { LanguageSwitch } from './language-switch.js';
import { StatusMenu } from './status-menu.js';
import { TeamList } from './team-list.js';
import type { MyStatus } from './use-my-status.js';
import './ui.css';
import './sidebar.css';

interface SidebarProps {
  agent: Agent;
  state: ConnectionState;
  section: Section;
  unseen: number;
  /** Visitors on the sites now; null before the first listing. */
  liveVisitors: number | null;
  status: MyStatus;
  team: AgentPresence[];
  signingOut: boolean;
  signOutError: string | null;
  onSignOut: () => void;
  onNavigate: (section: Section) => void;
  /** Offers shown at the foot of the navigation (the desktop-notification banner). */
  children?: ComponentChildren;
}

function NavItem(props: { active: boolean; icon: ComponentChildren; label: string; badge?: ComponentChildren; onClick: () => void }) {
  return (
    <button type="button" class={`nav-item ${props.active ? 'is-active' : ''}`} aria-current={props.active ? 'page' : undefined} onClick={props.onClick} title={props.label}>
      {props.icon}
      <span class="nav-label">{props.label}</span>
      {props.badge}
    </button>
  );
}

/** The navigation column on desktop; a top bar on narrower screens and a tab bar on phones (see sidebar.css). */
export function Sidebar(props: SidebarProps) {
  const { agent, state, section, unseen, liveVisitors, status, team, signingOut, signOutError, onSignOut, onNavigate, children } = props;
  const { t } = useI18n();
  return (
    <header class="sidebar">
      <div class="brand">
        <span class="brand-mark">
          <LogoMark />
        </span>
        <span class="brand-name">{t.product}</span>
      </div>
      <nav class="nav" aria-label={t.product}>
        <NavItem
          active={section === 'inbox'}
          icon={<InboxIcon />}
          label={t.nav.inbox}
          onClick={() => onNavigate('inbox')}
          badge={unseen > 0 && <span class="nav-badge">{unseen > 99 ? '99+' : unseen}</span>}
        />
        <NavItem
          active={section === 'visitors'}
          icon={<UsersIcon />}
          label={t.pages.visitors}
          onClick={() => onNavigate('visitors')}
          badge={
            liveVisitors !== null &&
            liveVisitors > 0 && (
              <span class="nav-count" aria-label={t.radar.liveCount(liveVisitors)}>
                {liveVisitors > 999 ? '999+' : liveVisitors}
              </span>
            )
          }
        />
        <NavItem active={section === 'settings'} icon={<SettingsIcon />} label={t.pages.settings} onClick={() => onNavigate('settings')} />
      </nav>
      <TeamList team={team} meId={agent.id} />
      <div class="sidebar-spacer" />
      {children}
      <ConnectionStatus state={state} />
      <LanguageSwitch />
      <div class="account">
        <Avatar name={agent.name} tone="accent" size="sm" status={status.presence} statusLabel={t.presence[status.presence]} />
        <div class="account-text">
          <span class="account-name" title={`${t.nav.account} ${agent.email}`}>
            {agent.name}
          </span>
          <StatusMenu status={status} />
        </div>
        <button type="button" class="btn-ghost sign-out" onClick={onSignOut} disabled={signingOut}>
          <SignOutIcon />
          <span class="sign-out-label">{t.nav.signOut}</span>
        </button>
      </div>
      {signOutError && (
        <p class="sidebar-error" role="alert">
          {signOutError}
        </p>
      )}
    </header>
  );
}
