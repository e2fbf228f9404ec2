/**
 * The Kefu widget loader: the one script a site owner embeds.
 *
 *   <script src="https://KEFU_HOST/widget.js" data-site="SITE_KEY" async></script>
 *
 * Calls made before it loads are queued by the snippet stub and replayed here:
 *
 *   window.Kefu = window.Kefu || function(){(Kefu.q=Kefu.q||[]).push(arguments)};
 *   Kefu('open');
 *
 * It defines no global but `Kefu` and adds no CSS to the page. The commands are in
 * api.ts; README.md has the list.
 */
import { run } from './api.js';
import { mountWidget, type Widget } from './widget.js';

type Call = ArrayLike<unknown>;

interface KefuApi {
  (command: string, ...args: unknown[]): void;
  /** The snippet stub's queue of calls made before the loader ran. */
  q?: Call[];
  /** Set by the loader, so that a snippet pasted twice does not add two launchers. */
  loaded?: boolean;
}

declare global {
  interface Window {
    Kefu?: KefuApi;
  }
}

function findScript(): HTMLScriptElement | null {
  // currentScript is only set while this script first runs: read it before any await.
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.dataset.site) return current;
  return document.querySelector<HTMLScriptElement>('script[data-site][src$="/widget.js"]');
}

function boot(): void {
  const stub = window.Kefu;
  if (stub?.loaded) return;
  const script = findScript();
  const siteKey = script?.dataset.site;
  if (!script || !siteKey) {
    console.error('[kefu] widget.js: data-site="SITE_KEY" is missing');
    return;
  }
  const kefuOrigin = new URL(script.src, location.href).origin;
  const queue: unknown[][] = Array.prototype.map.call(stub?.q ?? [], (call: Call) => Array.from(call)) as unknown[][];
  let widget: Widget | null = null;

  const api: KefuApi = function Kefu(...call: unknown[]) {
    if (widget) run(widget, call);
    else queue.push(call);
  };
  api.loaded = true;
  window.Kefu = api;

  const start = () => {
    widget = mountWidget(kefuOrigin, siteKey);
    for (const call of queue.splice(0)) run(widget, call);
  };
  // An async script in <head> may run before <body> exists.
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
}

boot();
