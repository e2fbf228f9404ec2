import { WIDGET_DEFAULTS, type RoutingSettings, type SiteSettings, type WidgetConfig } from '@kefu/protocol';

/** The widget settings a site stores: everything of WidgetConfig but the site's name (a column of its own). */
export type WidgetSettings = Omit<WidgetConfig, 'siteName'>;

export { WIDGET_DEFAULTS };

const KEYS = Object.keys(WIDGET_DEFAULTS) as (keyof WidgetSettings)[];

/**
 * The settings an admin set, from the stored JSON: only known keys, so a field removed
 * from the protocol never leaks to visitors. Unreadable JSON counts as "nothing set":
 * a damaged row must not take the widget down.
 */
export function parseSettings(json: string): Partial<WidgetSettings> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return {};
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const stored = raw as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  for (const key of KEYS) if (Object.hasOwn(stored, key)) picked[key] = stored[key];
  return picked as Partial<WidgetSettings>;
}

export const withDefaults = (stored: Partial<WidgetSettings>): WidgetSettings => ({ ...WIDGET_DEFAULTS, ...stored });

/** A new site: agents take chats from the queue themselves until an admin turns on auto-assignment. */
export const ROUTING_DEFAULTS: RoutingSettings = {
  mode: 'manual',
  teamId: null,
  reassignAfterSeconds: null,
  autoReplyAfterSeconds: null,
  autoReply: null,
};

/** The stored routing JSON with defaults for what is absent; unreadable JSON counts as nothing set. */
export function parseRouting(json: string): RoutingSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ...ROUTING_DEFAULTS };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ...ROUTING_DEFAULTS };
  const stored = raw as Record<string, unknown>;
  const routing: Record<string, unknown> = { ...ROUTING_DEFAULTS };
  for (const key of Object.keys(ROUTING_DEFAULTS)) if (Object.hasOwn(stored, key)) routing[key] = stored[key];
  return routing as unknown as RoutingSettings;
}

/** The one name shown for every agent of the site, or null (each agent's own). */
export const agentDisplayNameOf = (settingsJson: string): string | null => parseSettings(settingsJson).agentDisplayName ?? null;

export interface SiteShape {
  id: string;
  publicKey: string;
  name: string;
  allowedOrigins: string[];
  settings: WidgetSettings;
  routing: RoutingSettings;
  identityEnforced: boolean;
  identitySecret: string | null;
}

/** The public widget config, sent to every visitor: never the identity secret or the origins. */
export function widgetConfig(site: Pick<SiteShape, 'name' | 'settings'>): WidgetConfig {
  return { siteName: site.name, ...site.settings };
}

/** A site as its admins see it; the identity secret only for those who may use it. */
export function siteSettings(site: SiteShape, withSecret: boolean): SiteSettings {
  return {
    id: site.id,
    publicKey: site.publicKey,
    name: site.name,
    allowedOrigins: site.allowedOrigins,
    identityEnforced: site.identityEnforced,
    ...site.settings,
    routing: site.routing,
    ...(withSecret && site.identitySecret ? { identitySecret: site.identitySecret } : {}),
  };
}
