import { WIDGET_DEFAULTS, type Department, type RoutingSettings, type SiteSettings, type WidgetConfig } from '@kefu/protocol';

/**
 * A site's widget settings: everything of WidgetConfig but the site's name (a column of
 * its own). The departments are stored as team ids and read with the teams' names.
 */
export type WidgetSettings = Omit<WidgetConfig, 'siteName'>;
/** What the settings JSON holds besides the department ids. */
export type StoredSettings = Omit<WidgetSettings, 'departments'>;

export { WIDGET_DEFAULTS };

const KEYS = (Object.keys(WIDGET_DEFAULTS) as (keyof WidgetSettings)[]).filter((key): key is keyof StoredSettings => key !== 'departments');

function parseObject(json: string): Record<string, unknown> | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
}

/**
 * The settings an admin set, from the stored JSON: only known keys, so a field removed
 * from the protocol never leaks to visitors. Unreadable JSON counts as "nothing set":
 * a damaged row must not take the widget down.
 */
export function parseSettings(json: string): Partial<StoredSettings> {
  const stored = parseObject(json);
  if (!stored) return {};
  const picked: Record<string, unknown> = {};
  for (const key of KEYS) if (Object.hasOwn(stored, key)) picked[key] = stored[key];
  return picked as Partial<StoredSettings>;
}

/** The team ids of the pre-chat department choice, stored in the settings JSON next to the widget settings. */
export function parseDepartmentIds(json: string): string[] {
  const ids = parseObject(json)?.departments;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/** The stored settings JSON after an admin's change: `settings` merge into the stored ones, `departments` replaces the list. */
export function mergeSettings(json: string, settings: Partial<StoredSettings> | undefined, departments: readonly string[] | undefined): string {
  const ids = departments ?? parseDepartmentIds(json);
  return JSON.stringify({ ...parseSettings(json), ...settings, ...(ids.length > 0 ? { departments: ids } : {}) });
}

/** The departments as visitors see them: in the stored order, with the teams' current names; a deleted team drops out. */
export function resolveDepartments(ids: readonly string[], teamNames: ReadonlyMap<string, string>): Department[] {
  return ids.flatMap((id) => {
    const name = teamNames.get(id);
    return name === undefined ? [] : [{ id, name }];
  });
}

export const withDefaults = (stored: Partial<StoredSettings>, departments: Department[] = []): WidgetSettings => ({ ...WIDGET_DEFAULTS, ...stored, departments });

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
  /** With the pre-chat departments resolved (see resolveDepartments). */
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
    departments: site.settings.departments.map((d) => d.id),
    routing: site.routing,
    ...(withSecret && site.identitySecret ? { identitySecret: site.identitySecret } : {}),
  };
}
