/** The demo page: a pretend shop that embeds the widget exactly as a customer would. */
export function demoPage(publicUrl: string, siteKey: string): string {
  const snippet = `<script src="${publicUrl}/widget.js" data-site="${siteKey}" async></script>`;
  // The page itself loads the loader from whatever host served it, so it works behind any URL.
  const embed = `<script src="/widget.js" data-site="${siteKey}" async></script>`;
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
</style>
</head>
<body>
<header>Kefu demo shop · 演示商店</header>
<main>
  <h1>Welcome! 欢迎光临</h1>
  <p>This page embeds the Kefu widget with one line, as any website would. Open the chat button at the bottom-right and send a message; answer it from the <a href="${publicUrl}/console/">agent console</a>.</p>
  <div class="grid">
    <div class="card"><h3>Ceramic mug</h3><p>¥59 · Hand-glazed, 350 ml.</p></div>
    <div class="card"><h3>Tea set</h3><p>¥299 · Six cups and a pot.</p></div>
    <div class="card"><h3>Linen apron</h3><p>¥129 · Washed linen, two pockets.</p></div>
  </div>
  <h2>The snippet</h2>
  <code>${snippet.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</code>
</main>
${embed}
</body>
</html>`;
}
