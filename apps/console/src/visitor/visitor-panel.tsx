import type { ComponentChildren } from 'preact';
import { Avatar } from '../components/avatar.js';
import { CloseIcon, GlobeIcon, MailIcon, PhoneIcon, ShieldCheckIcon } from '../components/icons.js';
import { useClient } from '../hooks/use-client.js';
import { useI18n } from '../hooks/use-i18n.js';
import { errorText } from '../i18n.js';
import { DeviceIcon, deviceText } from '../radar/device.js';
import { safeHref, shortUrl } from '../radar/page-url.js';
import { Elapsed } from '../radar/ticker.js';
import { clockTime, fullTime } from '../time.js';
import { LocalTime } from './local-time.js';
import { PageTrail } from './page-trail.js';
import { PreviousConversations } from './previous-conversations.js';
import { useVisitorDetails } from './use-visitor-details.js';
import '../components/ui.css';
import './visitor.css';

interface VisitorPanelProps {
  visitorId: string;
  /** The conversation open beside the panel: not listed among the previous ones. */
  currentConversationId?: string | null;
  onClose: () => void;
  onOpenConversation: (conversationId: string) => void;
}

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="vp-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class="vp-section">
      <h3 class="vp-section-title">{title}</h3>
      {children}
    </section>
  );
}

function Link({ url }: { url: string }) {
  const href = safeHref(url);
  return href ? (
    <a href={href} target="_blank" rel="noopener noreferrer" title={url}>
      {shortUrl(url)}
    </a>
  ) : (
    <span title={url}>{shortUrl(url)}</span>
  );
}

/** Who the visitor is and what they do: beside a conversation, or over the radar. */
export function VisitorPanel({ visitorId, currentConversationId = null, onClose, onOpenConversation }: VisitorPanelProps) {
  const { t, lang } = useI18n();
  const client = useClient();
  const { details: d, pageSince, error } = useVisitorDetails(client, visitorId);

  return (
    <aside class="visitor-panel" aria-label={t.visitor.title}>
      <div class="pane-header vp-header">
        <h2 class="pane-title">{t.visitor.title}</h2>
        <button type="button" class="icon-btn vp-close" aria-label={t.visitor.hide} title={t.visitor.hide} onClick={onClose}>
          <CloseIcon />
        </button>
      </div>
      <div class="vp-scroll">
        {error !== null && !d && (
          <p class="notice notice-error vp-error" role="alert">
            {errorText(t, error)}
          </p>
        )}
        {!d && error === null && (
          <div class="vp-loading">
            <span class="spinner spinner-dark" aria-label={t.loading} />
          </div>
        )}
        {d && (
          <>
            <div class="vp-identity">
              <Avatar name={d.name} size="lg" status={d.status} statusLabel={t.radar.states[d.status]} />
              <div class="vp-identity-text">
                <p class="vp-name">
                  <span>{d.profile.name ?? d.name}</span>
                  {d.verified && (
                    <span class="badge badge-verified" title={t.visitor.verifiedHint}>
                      <ShieldCheckIcon />
                      {t.visitor.verified}
                    </span>
                  )}
                </p>
                <p class="vp-presence">
                  {t.radar.states[d.status]}
                  <span class="vp-site">
                    <GlobeIcon />
                    {d.siteName}
                  </span>
                </p>
              </div>
            </div>

            {(d.profile.email || d.profile.phone) && (
              <ul class="vp-contact">
                {d.profile.email && (
                  <li>
                    <MailIcon />
                    <a href={`mailto:${d.profile.email}`}>{d.profile.email}</a>
                  </li>
                )}
                {d.profile.phone && (
                  <li>
                    <PhoneIcon />
                    <a href={`tel:${d.profile.phone}`}>{d.profile.phone}</a>
                  </li>
                )}
              </ul>
            )}

            <Section title={t.visitor.currentPage}>
              {d.currentPage ? (
                <div class="vp-current" data-testid="current-page">
                  <p class="vp-current-title">{d.currentPage.title || t.radar.untitled}</p>
                  <p class="vp-current-url">
                    <Link url={d.currentPage.url} />
                  </p>
                  {d.status !== 'offline' && (
                    <p class="vp-current-time">
                      {t.radar.timeOnPage}
                      {t.common.colon}
                      <Elapsed since={pageSince} />
                    </p>
                  )}
                </div>
              ) : (
                <p class="vp-muted">{t.radar.noPage}</p>
              )}
            </Section>

            {Object.keys(d.profile.attributes).length > 0 && (
              <Section title={t.visitor.attributes}>
                <dl class="vp-list">
                  {Object.entries(d.profile.attributes).map(([key, value]) => (
                    <Row key={key} label={key}>
                      {value === null ? '—' : String(value)}
                    </Row>
                  ))}
                </dl>
              </Section>
            )}

            <Section title={t.visitor.visit}>
              <dl class="vp-list">
                {d.timeZone && (
                  <Row label={t.visitor.localTime}>
                    <LocalTime timeZone={d.timeZone} />
                  </Row>
                )}
                <Row label={t.visitor.language}>{d.language ?? '—'}</Row>
                <Row label={t.visitor.visits}>{d.visits}</Row>
                <Row label={t.visitor.firstSeen}>
                  <time title={fullTime(d.firstSeenAt, lang)}>{new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(d.firstSeenAt)}</time>
                </Row>
                <Row label={t.visitor.referrer}>{d.source.referrer ? <Link url={d.source.referrer} /> : t.visitor.direct}</Row>
                {d.source.searchEngine && (
                  <Row label={t.visitor.search}>
                    <span class="vp-search">
                      <span class="badge badge-neutral">{d.source.searchEngine}</span>
                      {d.source.searchKeyword ? `“${d.source.searchKeyword}”` : t.visitor.keywordHidden}
                    </span>
                  </Row>
                )}
                <Row label={t.visitor.ip}>
                  <span class="vp-mono">{d.ip ?? '—'}</span>
                </Row>
              </dl>
            </Section>

            <Section title={t.visitor.device}>
              <div class="vp-device">
                <DeviceIcon device={d.device} />
                <div>
                  <p class="vp-device-type">{t.device.types[d.device.type]}</p>
                  <p class="vp-muted">{deviceText(d.device, t.device.unknownBrowser)}</p>
                </div>
              </div>
            </Section>

            <Section title={t.visitor.pageTrail}>
              <PageTrail pages={d.pageTrail} />
            </Section>

            <Section title={t.visitor.previousConversations}>
              <PreviousConversations
                conversations={d.previousConversations.filter((c) => c.id !== currentConversationId)}
                onOpen={onOpenConversation}
              />
            </Section>
            <p class="vp-footnote">{t.visitor.lastSeen(clockTime(d.lastSeenAt, lang))}</p>
          </>
        )}
      </div>
    </aside>
  );
}
