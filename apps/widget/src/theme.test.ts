import { describe, expect, it } from 'vitest';
import { AA_CONTRAST, contrast, themeFor } from './theme.js';

const SAMPLES = ['#2563eb', '#ffffff', '#000000', '#facc15', '#22c55e', '#808080', '#777777', '#ff6600', '#e11d48', '#0ea5e9', '#a3e635', '#6d28d9', '#14b8a6'];

describe('themeFor', () => {
  it('keeps a colour that already works as it is', () => {
    expect(themeFor('#2563eb')).toMatchObject({ accent: '#2563eb', onAccent: '#ffffff', accentText: '#2563eb' });
  });

  it('puts dark text on light accents and white text on dark ones', () => {
    expect(themeFor('#facc15').onAccent).toBe('#0f172a');
    expect(themeFor('#a3e635').onAccent).toBe('#0f172a');
    expect(themeFor('#6d28d9').onAccent).toBe('#ffffff');
  });

  it('meets AA for the header, own bubbles and accent-coloured text, whatever the colour', () => {
    for (const color of SAMPLES) {
      const theme = themeFor(color);
      expect(contrast(theme.accent, theme.onAccent), `${color} surface`).toBeGreaterThanOrEqual(AA_CONTRAST);
      expect(contrast(theme.accentStrong, theme.onAccent), `${color} gradient end`).toBeGreaterThanOrEqual(AA_CONTRAST);
      expect(contrast(theme.accentText, '#ffffff'), `${color} as text on white`).toBeGreaterThanOrEqual(AA_CONTRAST);
    }
  });

  it('changes a colour only as much as contrast needs', () => {
    // White on this grey is 4.48:1, just short: it is darkened a step, not to black.
    const grey = themeFor('#777777');
    expect(grey.onAccent).toBe('#ffffff');
    expect(grey.accent).not.toBe('#777777');
    expect(contrast(grey.accent, '#000000')).toBeGreaterThan(3.5);
  });

  it('falls back to the default blue for a malformed colour', () => {
    expect(themeFor('red').accent).toBe('#2563eb');
    expect(themeFor('#12345').accent).toBe('#2563eb');
  });
});
