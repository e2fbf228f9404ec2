import type { VisitorClient } from '@kefu/client';
import { WIDGET_DEFAULTS, type WidgetConfig } from '@kefu/protocol';

/** What a site looks like before the server said anything (or when it never does). */
export const DEFAULT_CONFIG: WidgetConfig = { siteName: '', ...WIDGET_DEFAULTS };

export interface BootConfig {
  siteKey: string | null;
  config: WidgetConfig | null;
}

/**
 * The site's settings as the server put them into the page
 * (`<script type="application/json" id="kefu-config">`), so the first paint has the
 * right colour, greeting and language before the socket connects. Checked loosely:
 * anything malformed is ignored and the defaults apply until `session.hello`.
 */
export function readBootConfig(doc: Document = document): BootConfig {
  try {
    const raw: unknown = JSON.parse(doc.getElementById('kefu-config')?.textContent ?? 'null');
    if (typeof raw !== 'object' || raw === null) return { siteKey: null, config: null };
    const { siteKey, config } = raw as { siteKey?: unknown; config?: unknown };
    return {
      siteKey: typeof siteKey === 'string' && siteKey ? siteKey : null,
      config: typeof config === 'object' && config !== null ? { ...DEFAULT_CONFIG, ...(config as Partial<WidgetConfig>) } : null,
    };
  } catch {
    return { siteKey: null, config: null };
  }
}

/** The freshest settings: the server's (live with `site.updated`) once connected, else those of the page. */
export function currentConfig(client: VisitorClient | null, boot: WidgetConfig | null): WidgetConfig {
  const live = client?.site;
  return live ? { ...DEFAULT_CONFIG, ...live } : (boot ?? DEFAULT_CONFIG);
}

/** An avatar URL safe to load: http(s) only. */
export function avatarUrl(config: WidgetConfig): string | null {
  const url = config.agentAvatarUrl;
  return url && /^https?:\/\//i.test(url) ? url : null;
}
