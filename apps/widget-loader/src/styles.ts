/**
 * The launcher's and panel's styles, inside the closed shadow root: the host page's
 * CSS cannot reach them and they cannot reach the page.
 */
const ACCENT = '#2563eb';
const FONT = "600 12px/16px system-ui,-apple-system,'Segoe UI',Roboto,'PingFang SC','Microsoft YaHei',sans-serif";
/** Launcher 60px + 20px from the edge + 16px gap. */
const PANEL_BOTTOM_PX = 96;
/** Below this width the panel takes the whole screen. */
const PHONE_MAX_PX = 639;

export const CSS = `
*{box-sizing:border-box}
.launcher{position:fixed;right:20px;bottom:20px;width:60px;height:60px;margin:0;padding:0;border:0;border-radius:50%;
background:${ACCENT};color:#fff;cursor:pointer;display:flex;align-items:center;justify-content:center;
box-shadow:0 4px 14px rgba(15,23,42,.18),0 8px 28px rgba(37,99,235,.32);
transition:transform .2s ease,box-shadow .2s ease;-webkit-tap-highlight-color:transparent}
.launcher:hover{transform:scale(1.06)}
.launcher:active{transform:scale(.95)}
.launcher:focus-visible{outline:3px solid #93c5fd;outline-offset:3px}
.launcher svg{position:absolute;width:28px;height:28px;transition:transform .25s ease,opacity .2s ease}
.x{opacity:0;transform:rotate(-90deg) scale(.5)}
.open .bubble{opacity:0;transform:rotate(90deg) scale(.5)}
.open .x{opacity:1;transform:none}
.badge{position:absolute;top:-3px;right:-3px;min-width:22px;height:22px;padding:1px 5px;border:2px solid #fff;border-radius:11px;
background:#ef4444;color:#fff;font:${FONT};text-align:center}
.badge:empty,.open .badge{display:none}
.panel{position:fixed;right:20px;bottom:${PANEL_BOTTOM_PX}px;width:380px;height:min(600px,calc(100vh - ${PANEL_BOTTOM_PX + 20}px));
min-height:320px;border-radius:16px;overflow:hidden;background:#fff;
box-shadow:0 16px 48px rgba(15,23,42,.22),0 2px 8px rgba(15,23,42,.08);
opacity:0;transform:translateY(16px) scale(.97);transform-origin:bottom right;visibility:hidden;pointer-events:none;
transition:opacity .2s ease,transform .2s ease,visibility 0s .2s}
.open .panel{opacity:1;transform:none;visibility:visible;pointer-events:auto;transition:opacity .2s ease,transform .2s ease}
iframe{display:block;width:100%;height:100%;border:0}
@media (max-width:${PHONE_MAX_PX}px){
.panel{inset:0;width:100%;height:100vh;height:100dvh;min-height:0;border-radius:0;transform:translateY(24px)}
.open .launcher{display:none}
}
@media (prefers-reduced-motion:reduce){*{transition:none!important}}
`;

const SVG = 'viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"';

export const ICONS =
  `<svg class="bubble" ${SVG}><path d="M21 11.5a8.4 8.4 0 0 1-9 8.4 9 9 0 0 1-3.9-.9L3 20.5l1.5-4.6A8.4 8.4 0 0 1 3 11.5 8.5 8.5 0 0 1 12 3a8.5 8.5 0 0 1 9 8.5z"/></svg>` +
  `<svg class="x" ${SVG}><path d="M6 9l6 6 6-6"/></svg>`;
