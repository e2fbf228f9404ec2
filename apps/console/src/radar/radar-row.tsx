import { memo } from 'preact/compat';
import { Avatar } from '../components/avatar.js';
import { ChatIcon } from '../components/icons.js';
import { useI18n } from '../hooks/use-i18n.js';
import { DeviceIcon, deviceText } from './device.js';
import type { RadarVisitor } from './live-visitors.js';
import { safeHref, shortUrl } from './page-url.js';
import { Elapsed } from './ticker.js';

interface RadarRowProps {
  visitor: RadarVisitor;
  selected: boolean;
  onInvite: (visitor: RadarVisitor) => void;
  onOpenChat: (conversationId: string) => void;
  onShowDetails: (visitorId: string) => void;
}

/** One visitor on the radar. Memoised: a change re-renders its row only; the clock ticks in `Elapsed`. */
export const RadarRow = memo(function RadarRow({ visitor, selected, onInvite, onOpenChat, onShowDetails }: RadarRowProps) {
  const { t } = useI18n();
  const page = visitor.currentPage;
  const chatting = visitor.conversationId !== null;
  const href = page ? safeHref(page.url) : undefined;
  return (
    <li class={`radar-row ${selected ? 'is-selected' : ''}`} data-visitor={visitor.visitorId}>
      <button type="button" class="radar-who" onClick={() => onShowDetails(visitor.visitorId)} aria-label={t.radar.details(visitor.name)}>
        <Avatar name={visitor.name} status={visitor.status} statusLabel={t.radar.states[visitor.status]} />
        <span class="radar-who-text">
          <span class="radar-name">{visitor.name}</span>
          <span class="radar-sub">
            {visitor.siteName}
            {visitor.language && <span class="radar-lang"> · {visitor.language}</span>}
          </span>
        </span>
      </button>
      <div class="radar-page">
        {page ? (
          <>
            <span class="radar-page-title" title={page.title || page.url}>
              {page.title || t.radar.untitled}
            </span>
            {href ? (
              <a class="radar-page-url" href={href} target="_blank" rel="noopener noreferrer" title={page.url}>
                {shortUrl(page.url)}
              </a>
            ) : (
              <span class="radar-page-url">{shortUrl(page.url)}</span>
            )}
          </>
        ) : (
          <span class="radar-page-title is-empty">{t.radar.noPage}</span>
        )}
      </div>
      <div class="radar-time" title={t.radar.timeOnPage}>
        <Elapsed since={visitor.pageSince} />
      </div>
      <div class="radar-device">
        <DeviceIcon device={visitor.device} />
        <span class="radar-device-text">{deviceText(visitor.device, t.device.types[visitor.device.type])}</span>
      </div>
      <div class="radar-state">
        {chatting ? (
          <span class="badge badge-chatting">
            <ChatIcon />
            {t.radar.chatting}
          </span>
        ) : (
          <span class={`badge badge-${visitor.status}`}>{t.radar.states[visitor.status]}</span>
        )}
      </div>
      <div class="radar-action">
        {chatting ? (
          <button type="button" class="btn-secondary btn-sm" onClick={() => onOpenChat(visitor.conversationId!)}>
            {t.radar.openChat}
          </button>
        ) : (
          <button type="button" class="btn-primary btn-sm" onClick={() => onInvite(visitor)} aria-label={t.radar.inviteNamed(visitor.name)}>
            {t.radar.invite}
          </button>
        )}
      </div>
    </li>
  );
});
