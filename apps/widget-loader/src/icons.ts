/** The launcher's two faces, swapped by CSS. */
const SVG =
  'viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"';

export const ICONS =
  `<svg class="bubble" ${SVG}><path d="M21 11.5a8.4 8.4 0 0 1-9 8.4 9 9 0 0 1-3.9-.9L3 20.5l1.5-4.6A8.4 8.4 0 0 1 3 11.5 8.5 8.5 0 0 1 12 3a8.5 8.5 0 0 1 9 8.5z"/></svg>` +
  `<svg class="x" ${SVG}><path d="M6 9l6 6 6-6"/></svg>`;
