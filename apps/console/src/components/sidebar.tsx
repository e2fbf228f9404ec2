import type { Agent, ConnectionState } from '@kefu/client';
import { useI18n } from '../hooks/use-i18n.js';
import { Avatar } from './avatar.js';
import { ConnectionStatus } from './connection-status.js';
import { InboxIcon, LogoMark, SignOutIcon } from './icons.js';
import { LanguageSwitch } from './language-switch.js';

interface SidebarProps {
  agent: Agent;
  state: ConnectionState;
  unseen: number;
  signingOut: boolean;
  signOutError: string | null;
  onSignOut: () => void;
  onShowInbox: () => void;
}

/** The navigation column on desktop; a top bar on narrower screens (see styles.css). */
export function Sidebar({ agent, state, unseen, signingOut, signOutError, onSignOut, onShowInbox }: SidebarProps) {
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
        <button type="button" class="nav-item is-active" aria-current="page" onClick={onShowInbox}>
          <InboxIcon />
          <span class="nav-label">{t.nav.inbox}</span>
          {unseen > 0 && <span class="nav-badge">{unseen > 99 ? '99+' : unseen}</span>}
        </button>
      </nav>
      <div class="sidebar-spacer" />
      <ConnectionStatus state={state} />
      <LanguageSwitch />
      <div class="account">
        <Avatar name={agent.name} tone="accent" size="sm" />
        <div class="account-text">
          <span class="account-name" title={`${t.nav.account} ${agent.email}`}>
            {agent.name}
          </span>
          <span class="account-email">{agent.email}</span>
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
