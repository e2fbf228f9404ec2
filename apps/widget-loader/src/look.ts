import type { LauncherConfig } from '@kefu/protocol';

/**
 * The launcher's look comes from the site's settings, which only the widget (in the
 * iframe, on idle) fetches. The loader keeps the last `config` in the host page's
 * localStorage, so that later pages draw the launcher at once in the right colour and
 * corner instead of flashing the default one.
 */

/** `value` if it is a usable launcher config (it came through postMessage or storage: check every field). */
export function asLook(value: unknown): LauncherConfig | null {
  const c = value as LauncherConfig | null;
  return typeof c === 'object' &&
    c !== null &&
    /^#[0-9a-f]{6}$/i.test(c.color) &&
    (c.position === 'right' || c.position === 'left') &&
    (c.locale === 'en' || c.locale === 'zh-CN')
    ? { color: c.color, position: c.position, locale: c.locale }
    : null;
}

export function readLook(key: string): LauncherConfig | null {
  try {
    return asLook(JSON.parse(localStorage.getItem(key) ?? 'null'));
  } catch {
    // Storage blocked or a mangled value: wait for the widget's config.
    return null;
  }
}

export function saveLook(key: string, look: LauncherConfig): void {
  try {
    localStorage.setItem(key, JSON.stringify(look));
  } catch {
    // Storage blocked or full: the next page waits for the widget's config again.
  }
}

/** WCAG 2 relative luminance of "#rrggbb". */
function luminance(hex: string): number {
  let l = 0;
  for (let i = 0; i < 3; i++) {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    l += [0.2126, 0.7152, 0.0722][i]! * (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  }
  return l;
}

/** The dark ink used on light launcher colours. */
const INK = '#0f172a';

/** White or dark ink, whichever contrasts more with `background` (WCAG contrast ratio). */
export function inkOn(background: string): string {
  const l = luminance(background);
  return 1.05 / (l + 0.05) >= (l + 0.05) / (luminance(INK) + 0.05) ? '#fff' : INK;
}
