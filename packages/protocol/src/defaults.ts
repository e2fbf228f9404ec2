import type { WidgetConfig } from './models.js';

/** What a site's widget looks like until an admin changes it: the server's defaults and the widget's before it hears from the server. */
export const WIDGET_DEFAULTS: Readonly<Omit<WidgetConfig, 'siteName'>> = Object.freeze({
  color: '#2563eb',
  position: 'right',
  locale: 'auto',
  greeting: null,
  agentDisplayName: null,
  agentAvatarUrl: null,
  businessHours: null,
  preChat: [],
});
