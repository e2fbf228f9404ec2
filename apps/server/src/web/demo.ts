import { identityHash } from '../visitors/identity.js';

/** The demo shop's pretend logged-in customer, identified the way a real site would. */
const DEMO_USER = { id: 'demo-customer-1', name: 'Li Lei (demo)', email: 'li.lei@example.com' };

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** JSON inside an inline <script>: no `<` may end it early. */
const inlineJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The demo page: a pretend shop that embeds the widget exactly as a customer would,
 * with buttons for every JavaScript API call. The identify hash is made here, on the
 * server, as a real site's backend would make it; never in the browser.
 */
export function demoPage(publicUrl: string, siteKey: string, identitySecret: string | null): string {
  const snippet = `<script src="${publicUrl}/widget.js" data-site="${siteKey}" async></script>`;
  // The page itself loads the loader from whatever host served it, so it works behind any URL.
  const embed = `<script src="/widget.js" data-site="${escapeHtml(siteKey)}" async></script>`;
  const identity = identitySecret ? { ...DEMO_USER, hash: identityHash(identitySecret, DEMO_USER.id) } : null;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kefu demo shop</title>
<style>
  body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2937; background: #f8fafc; }
  header { background: #0f172a; color: #fff; padding: 18px 24px; font-weight: 600; }
  main { max-width: 880px; margin: 0 auto; padding: 32px 24px 120px; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 16px; margin: 24px 0; }
  .card { background: #fff; border: 1px solid #e2e8f0; border-radius: 12px; padding: 20px; }
  code { display: block; background: #0f172a; color: #e2e8f0; padding: 14px; border-radius: 8px; overflow-x: auto; font-size: 13px; }
  .api { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0; }
  .api button { font: inherit; font-size: 14px; padding: 8px 14px; border-radius: 8px; border: 1px solid #cbd5e1; background: #fff; cursor: pointer; }
  .api button:hover { border-color: #2563eb; color: #1d4ed8; }
  #log { font: 13px/1.5 ui-monospace, monospace; background: #fff; border: 1px solid #e2e8f0; border-radius: 8px; padding: 10px 14px; min-height: 3em; white-space: pre-wrap; }
</style>
<script>
  window.Kefu = window.Kefu || function () { (Kefu.q = Kefu.q || []).push(arguments); };
  Kefu('on', 'message', function (m) { log('message from ' + (m.senderName || 'an agent') + ': ' + m.body); });
  Kefu('on', 'unread', function (n) { log('unread: ' + n); });
  Kefu('on', 'open', function () { log('open'); });
  Kefu('on', 'close', function () { log('close'); });
  var DEMO_IDENTITY = ${inlineJson(identity)};
  function log(line) {
    var el = document.getElementById('log');
    if (el) el.textContent = (new Date().toLocaleTimeString() + '  ' + line + '\\n' + el.textContent).slice(0, 2000);
  }
</script>
</head>
<body>
<header>Kefu demo shop · 演示商店</header>
<main>
  <h1>Welcome! 欢迎光临</h1>
  <p>This page embeds the Kefu widget with one line, as any website would. Open the chat button at the bottom-right and send a message; answer it from the <a href="${escapeHtml(publicUrl)}/console/">agent console</a>. With nobody signed in to the console, the widget offers to leave a message instead.</p>
  <div class="grid">
    <div class="card"><h3>Ceramic mug</h3><p>¥59 · Hand-glazed, 350 ml.</p></div>
    <div class="card"><h3>Tea set</h3><p>¥299 · Six cups and a pot.</p></div>
    <div class="card"><h3>Linen apron</h3><p>¥129 · Washed linen, two pockets.</p></div>
  </div>
  <h2>The snippet</h2>
  <code>${escapeHtml(snippet)}</code>
  <h2>The JavaScript API</h2>
  <p>Each button makes one call; events appear below. See docs/widget-api.md.</p>
  <div class="api">
    <button type="button" onclick="Kefu('open')">Kefu('open')</button>
    <button type="button" onclick="Kefu('close')">Kefu('close')</button>
    <button type="button" onclick="Kefu('toggle')">Kefu('toggle')</button>
    <button type="button" onclick="Kefu('locale', 'zh-CN')">Kefu('locale', 'zh-CN')</button>
    <button type="button" onclick="Kefu('locale', 'en')">Kefu('locale', 'en')</button>
    <button type="button" onclick="Kefu('set', { plan: 'pro', cart: 2 })">Kefu('set', {plan, cart})</button>
    <button type="button" onclick="DEMO_IDENTITY ? Kefu('identify', DEMO_IDENTITY) : log('no identity secret')">Sign in as Li Lei (identify)</button>
    <button type="button" onclick="Kefu('shutdown')">Sign out (shutdown)</button>
    <button type="button" onclick="history.pushState(null, '', '/demo?page=' + Date.now()); document.title = 'Kefu demo shop · page ' + location.search.slice(6); log('navigated to ' + location.pathname + location.search)">Single-page navigation</button>
  </div>
  <div id="log" aria-live="polite"></div>
</main>
${embed}
</body>
</html>`;
}
