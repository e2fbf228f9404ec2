import type { WidgetConfig } from '@kefu/protocol';

/** What the widget's HTML carries inline, so it paints in the site's colour and language before the socket connects. */
export interface WidgetBoot {
  siteKey: string | null;
  /** null: no site has this key (the widget says so). */
  config: WidgetConfig | null;
}

/** The id of the inline `<script type="application/json">` the widget reads at start. */
export const BOOT_ELEMENT_ID = 'kefu-config';

/**
 * The widget's index.html with the boot payload (and the site's colour for the first
 * paint) inlined before `</head>`. Every `<` of
 * the JSON is escaped (`\u003c`, still the same JSON), so no value, e.g. a greeting
 * holding `</script>`, can end the element early.
 */
export function injectBoot(html: string, boot: WidgetBoot): string {
  const json = JSON.stringify(boot).replace(/</g, '\\u003c');
  // The bar painted before the script runs takes the site's colour (validated #rrggbb;
  // the app's theme refines it once it runs).
  const color = boot.config && /^#[0-9a-f]{6}$/i.test(boot.config.color) ? boot.config.color : null;
  const paint = color ? `<style>:root{--accent:${color};--accent-strong:${color}}</style>` : '';
  const element = `${paint}<script type="application/json" id="${BOOT_ELEMENT_ID}">${json}</script>`;
  const head = html.search(/<\/head>/i);
  if (head >= 0) return `${html.slice(0, head)}${element}\n${html.slice(head)}`;
  // No </head> (a hand-edited build): anywhere before the app's script still works.
  const body = html.search(/<body[\s>]/i);
  return body >= 0 ? `${html.slice(0, body)}${element}\n${html.slice(body)}` : `${element}\n${html}`;
}
