import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { widgetConfig } from '../sites/settings.js';
import { demoPage } from './demo.js';
import { injectBoot } from './widget-page.js';

const HASHED_ASSET = /\/assets\//;

function cacheHeaders(res: { setHeader(name: string, value: string): void }, filePath: string): void {
  // Vite's hashed assets never change; HTML and the loader must pick up new releases.
  res.setHeader('cache-control', HASHED_ASSET.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache');
  appHeaders(res, path.basename(filePath));
}

/**
 * The console as an installable app: its service worker controls /console/ (said
 * explicitly, so the scope survives a move of the file) and is always revalidated, or
 * a release would wait for the browser's 24-hour update check; the manifest gets its
 * registered type.
 */
function appHeaders(res: { setHeader(name: string, value: string): void }, fileName: string): void {
  if (fileName === 'sw.js') {
    res.setHeader('service-worker-allowed', '/console/');
    res.setHeader('content-type', 'text/javascript; charset=utf-8');
  } else if (fileName.endsWith('.webmanifest')) {
    res.setHeader('content-type', 'application/manifest+json; charset=utf-8');
  }
}

function notBuilt(reply: FastifyReply, what: string) {
  return reply.code(503).type('text/plain').send(`The ${what} is not built yet: run \`npm run build\` (npm start does it).`);
}

/** Serves the built front-ends, the loader script and the demo page. */
export async function webRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const dist = (name: string) => path.join(ctx.config.staticRoot, 'apps', name, 'dist');
  const consoleDir = dist('console');
  const widgetDir = dist('widget');
  const widgetIndex = path.join(widgetDir, 'index.html');
  const loaderFile = path.join(dist('widget-loader'), 'widget.js');

  app.get('/', (_req, reply) => reply.redirect('/console/'));

  const spa = [
    { prefix: '/console/', dir: consoleDir, name: 'console' },
    { prefix: '/widget/', dir: widgetDir, name: 'widget' },
  ];
  for (const { prefix, dir, name } of spa) {
    if (fs.existsSync(dir)) {
      // cacheControl: false, or `send` would replace our Cache-Control with its own max-age=0.
      await app.register(fastifyStatic, { root: dir, prefix, decorateReply: false, cacheControl: false, setHeaders: cacheHeaders });
    } else {
      app.get(`${prefix}*`, (_req, reply) => notBuilt(reply, name));
    }
  }
  app.get('/console', (_req, reply) => reply.redirect('/console/'));

  /**
   * The widget's page with its site's config inline. Read on every request (it is
   * small and a rebuild must show at once). The frame may be embedded only by pages its
   * site allows; an unknown key is a 404 the widget explains.
   */
  const widgetPage = async (siteKey: string | null, reply: FastifyReply) => {
    let html: string;
    try {
      html = await fs.promises.readFile(widgetIndex, 'utf8');
    } catch {
      return notBuilt(reply, 'widget');
    }
    const site = siteKey ? await ctx.sites.byKey(siteKey) : null;
    return reply
      .code(site ? 200 : 404)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', `frame-ancestors 'self' ${site?.allowedOrigins.join(' ') ?? ''}`.trim())
      .send(injectBoot(html, { siteKey, config: site ? widgetConfig(site) : null }));
  };
  const siteParam = (query: unknown): string | null => {
    const site = (query as Record<string, unknown> | undefined)?.site;
    return typeof site === 'string' && site !== '' ? site : null;
  };
  // Exact routes win over the static plugin's /widget/* wildcard.
  app.get('/widget/', (req, reply) => widgetPage(siteParam(req.query), reply));
  app.get('/widget/index.html', (req, reply) => widgetPage(siteParam(req.query), reply));
  // The standalone chat page (app and WeChat webviews); its assets load from /widget/.
  for (const route of ['/chat/:siteKey', '/chat/:siteKey/']) {
    app.get<{ Params: { siteKey: string } }>(route, (req, reply) => widgetPage(req.params.siteKey || null, reply));
  }

  app.get('/widget.js', (_req, reply) => {
    if (!fs.existsSync(loaderFile)) return notBuilt(reply, 'widget loader');
    return reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*')
      .send(fs.createReadStream(loaderFile));
  });

  app.get('/demo', async (_req, reply) => {
    const site = await ctx.sites.firstOfAnyWorkspace();
    if (!site) return reply.code(503).send('No site yet.');
    return reply.type('text/html; charset=utf-8').send(demoPage(ctx.config.publicUrl, site.publicKey, site.identitySecret));
  });
}
