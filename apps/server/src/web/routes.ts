import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { demoPage } from './demo.js';

const HASHED_ASSET = /\/assets\//;

function cacheHeaders(res: { setHeader(name: string, value: string): void }, filePath: string): void {
  // Vite's hashed assets never change; HTML and the loader must pick up new releases.
  res.setHeader('cache-control', HASHED_ASSET.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache');
}

function notBuilt(reply: FastifyReply, what: string) {
  return reply.code(503).type('text/plain').send(`The ${what} is not built yet: run \`npm run build\` (npm start does it).`);
}

/** Serves the built front-ends, the loader script and the demo page. */
export async function webRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const dist = (name: string) => path.join(ctx.config.staticRoot, 'apps', name, 'dist');
  const consoleDir = dist('console');
  const widgetDir = dist('widget');
  const loaderFile = path.join(dist('widget-loader'), 'widget.js');

  app.get('/', (_req, reply) => reply.redirect('/console/'));

  const spa = [
    { prefix: '/console/', dir: consoleDir, name: 'console' },
    { prefix: '/widget/', dir: widgetDir, name: 'widget' },
  ];
  for (const { prefix, dir, name } of spa) {
    if (fs.existsSync(dir)) {
      await app.register(fastifyStatic, { root: dir, prefix, decorateReply: false, setHeaders: cacheHeaders });
    } else {
      app.get(`${prefix}*`, (_req, reply) => notBuilt(reply, name));
    }
  }
  app.get('/console', (_req, reply) => reply.redirect('/console/'));

  // The widget frame may be embedded only by pages its site allows.
  app.addHook('onSend', async (req, reply) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname !== '/widget/' && url.pathname !== '/widget/index.html') return;
    const site = await ctx.sites.byKey(url.searchParams.get('site') ?? '');
    reply.header('content-security-policy', `frame-ancestors 'self' ${site?.allowedOrigins.join(' ') ?? ''}`.trim());
  });

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
    return reply.type('text/html; charset=utf-8').send(demoPage(ctx.config.publicUrl, site.publicKey));
  });
}
