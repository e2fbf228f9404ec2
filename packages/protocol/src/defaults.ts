import type { WidgetConfig } from './models.js';

/**
 * What a site's widget looks like until an admin changes it: the server's defaults and
 * the widget's before it hears from the server. No departments: an empty list that fits
 * both WidgetConfig (names) and SiteSettings (team ids).
 */
export const WIDGET_DEFAULTS: Readonly<Omit<WidgetConfig, 'siteName' | 'departments'> & { departments: never[] }> = Object.freeze({
  color: '#2563eb',
  position: 'right',
  locale: 'auto',
  greeting: null,
  agentDisplayName: null,
  agentAvatarUrl: null,
  businessHours: null,
  preChat: [],
  departments: [],
});

/** The auto-reply's text when the site set none (`routing.autoReply`); widgets show their own translation of it. */
export const AUTO_REPLY_DEFAULT = 'Thanks for your message! Everyone is busy right now; we will answer as soon as we can.';
