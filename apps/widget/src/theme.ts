/**
 * The widget's colours from a site's one accent colour: the header and the visitor's
 * own bubbles use it as a surface, links and icons on white use it as text. Every pair
 * meets WCAG AA (4.5:1) even when the chosen colour does not: the surface is darkened
 * (or, under dark text, lightened) just enough.
 */

import { WIDGET_DEFAULTS } from '@kefu/protocol';

type Rgb = [number, number, number];

export const DEFAULT_ACCENT = WIDGET_DEFAULTS.color;
const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];
/** The dark text colour of the widget (slate-900). */
const INK: Rgb = [15, 23, 42];
/** WCAG AA for normal text. */
export const AA_CONTRAST = 4.5;

export interface Theme {
  /** The surface: header, own bubbles, the send button. */
  accent: string;
  /** The end of the header's gradient and hovered buttons: a little further from the text colour. */
  accentStrong: string;
  /** Text and icons on the accent: white or slate-900, whichever contrasts more. */
  onAccent: string;
  /** The accent as text, icons and focus rings on white. */
  accentText: string;
  /** A light tint, for avatars and badges on white. */
  accentSoft: string;
  /** A translucent accent for focus halos. */
  accentRing: string;
}

function parse(hex: string): Rgb | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const n = parseInt(m[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const toHex = (rgb: Rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** `weight` of `b` into `a`. */
const mix = (a: Rgb, b: Rgb, weight: number): Rgb => [0, 1, 2].map((i) => a[i]! + (b[i]! - a[i]!) * weight) as Rgb;

function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG contrast ratio of two colours, 1 to 21. */
export function contrast(a: string | Rgb, b: string | Rgb): number {
  const la = luminance(typeof a === 'string' ? (parse(a) ?? BLACK) : a);
  const lb = luminance(typeof b === 'string' ? (parse(b) ?? BLACK) : b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Moves `color` toward `target` in small steps until it contrasts `against` enough. */
function until(color: Rgb, target: Rgb, against: Rgb, ratio: number): Rgb {
  let out = color;
  for (let step = 0; step < 40 && contrast(out, against) < ratio; step++) out = mix(out, target, 0.05);
  return out;
}

export function themeFor(color: string): Theme {
  const base = parse(color) ?? parse(DEFAULT_ACCENT)!;
  const light = contrast(base, WHITE) >= contrast(base, INK);
  const on = light ? WHITE : INK;
  // Away from the text colour: darker under white text, lighter under dark text.
  const away = light ? BLACK : WHITE;
  const accent = until(base, away, on, AA_CONTRAST);
  return {
    accent: toHex(accent),
    accentStrong: toHex(mix(accent, away, light ? 0.16 : 0.12)),
    onAccent: toHex(on),
    accentText: toHex(until(base, BLACK, WHITE, AA_CONTRAST)),
    accentSoft: toHex(mix(base, WHITE, 0.86)),
    accentRing: `rgba(${base.join(', ')}, 0.28)`,
  };
}

/** Sets the theme's CSS variables on the document (once per colour). */
export function applyTheme(color: string, root: HTMLElement = document.documentElement): void {
  if (root.dataset.accent === color) return;
  root.dataset.accent = color;
  const theme = themeFor(color);
  for (const [key, value] of Object.entries(theme)) root.style.setProperty(`--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, value);
}
