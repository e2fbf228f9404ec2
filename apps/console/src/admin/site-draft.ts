import type { BusinessHours, LocaleSetting, PreChatField, SiteSettings, SiteSettingsUpdate } from '@kefu/client';

/** What the site form edits: text inputs stay text until saved, so a half-typed number is not lost. */
export interface SiteDraft {
  name: string;
  origins: string;
  color: string;
  position: 'right' | 'left';
  locale: LocaleSetting;
  greeting: string;
  agentDisplayName: string;
  agentAvatarUrl: string;
  businessHours: BusinessHours | null;
  preChat: PreChatField[];
  /** Team ids of the pre-chat "Which department?", in order. */
  departments: string[];
  mode: 'auto' | 'manual';
  teamId: string;
  reassignAfter: string;
  autoReplyAfter: string;
  autoReply: string;
  identityEnforced: boolean;
}

export type DraftField = keyof SiteDraft;
export type DraftErrors = Partial<Record<DraftField | 'form', string>>;

export function draftOf(site: SiteSettings): SiteDraft {
  return {
    name: site.name,
    origins: site.allowedOrigins.join('\n'),
    color: site.color,
    position: site.position,
    locale: site.locale,
    greeting: site.greeting ?? '',
    agentDisplayName: site.agentDisplayName ?? '',
    agentAvatarUrl: site.agentAvatarUrl ?? '',
    businessHours: site.businessHours,
    preChat: site.preChat,
    departments: site.departments,
    mode: site.routing.mode,
    teamId: site.routing.teamId ?? '',
    reassignAfter: site.routing.reassignAfterSeconds?.toString() ?? '',
    autoReplyAfter: site.routing.autoReplyAfterSeconds?.toString() ?? '',
    autoReply: site.routing.autoReply ?? '',
    identityEnforced: site.identityEnforced,
  };
}

/** The origin lines with their 1-based line numbers (blank lines skipped), so a server error on `allowedOrigins.3` names the right line. */
export function originLines(text: string): { origin: string; line: number }[] {
  return text
    .split('\n')
    .map((raw, i) => ({ origin: raw.trim(), line: i + 1 }))
    .filter((l) => l.origin !== '');
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());
const WHOLE = /^\d+$/;

/** "" is null; anything else must be a whole number (the server checks the range). */
export function secondsOf(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return WHOLE.test(trimmed) ? Number(trimmed) : 'invalid';
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The PATCH body: only what differs from the saved site, so two admins editing
 * different fields do not overwrite each other. Number fields must be valid first.
 */
export function changes(before: SiteDraft, after: SiteDraft): SiteSettingsUpdate {
  const patch: SiteSettingsUpdate = {};
  if (after.name !== before.name) patch.name = after.name.trim();
  const origins = originLines(after.origins).map((l) => l.origin);
  if (!same(origins, originLines(before.origins).map((l) => l.origin))) patch.allowedOrigins = origins;
  if (after.color.toLowerCase() !== before.color.toLowerCase()) patch.color = after.color;
  if (after.position !== before.position) patch.position = after.position;
  if (after.locale !== before.locale) patch.locale = after.locale;
  if (orNull(after.greeting) !== orNull(before.greeting)) patch.greeting = orNull(after.greeting);
  if (orNull(after.agentDisplayName) !== orNull(before.agentDisplayName)) patch.agentDisplayName = orNull(after.agentDisplayName);
  if (orNull(after.agentAvatarUrl) !== orNull(before.agentAvatarUrl)) patch.agentAvatarUrl = orNull(after.agentAvatarUrl);
  if (!same(after.businessHours, before.businessHours)) patch.businessHours = after.businessHours;
  if (!same(after.preChat, before.preChat)) patch.preChat = after.preChat;
  if (!same(after.departments, before.departments)) patch.departments = after.departments;
  if (after.identityEnforced !== before.identityEnforced) patch.identityEnforced = after.identityEnforced;
  const routing: NonNullable<SiteSettingsUpdate['routing']> = {};
  if (after.mode !== before.mode) routing.mode = after.mode;
  if (after.teamId !== before.teamId) routing.teamId = after.teamId || null;
  const reassign = secondsOf(after.reassignAfter);
  if (reassign !== 'invalid' && reassign !== secondsOf(before.reassignAfter)) routing.reassignAfterSeconds = reassign;
  const autoAfter = secondsOf(after.autoReplyAfter);
  if (autoAfter !== 'invalid' && autoAfter !== secondsOf(before.autoReplyAfter)) routing.autoReplyAfterSeconds = autoAfter;
  if (orNull(after.autoReply) !== orNull(before.autoReply)) routing.autoReply = orNull(after.autoReply);
  if (Object.keys(routing).length > 0) patch.routing = routing;
  return patch;
}

/** The draft field a server error's `path` concerns (`routing.teamId` -> teamId, `allowedOrigins.2` -> origins). */
export function fieldOfPath(path: string | undefined): DraftField | null {
  if (!path) return null;
  const [head, sub] = path.split('.');
  const direct: Record<string, DraftField> = {
    name: 'name',
    allowedOrigins: 'origins',
    color: 'color',
    position: 'position',
    locale: 'locale',
    greeting: 'greeting',
    agentDisplayName: 'agentDisplayName',
    agentAvatarUrl: 'agentAvatarUrl',
    businessHours: 'businessHours',
    preChat: 'preChat',
    departments: 'departments',
    identityEnforced: 'identityEnforced',
  };
  if (head === 'routing') {
    const routing: Record<string, DraftField> = { mode: 'mode', teamId: 'teamId', reassignAfterSeconds: 'reassignAfter', autoReplyAfterSeconds: 'autoReplyAfter', autoReply: 'autoReply' };
    return (sub && routing[sub]) || 'mode';
  }
  return (head && direct[head]) || null;
}
