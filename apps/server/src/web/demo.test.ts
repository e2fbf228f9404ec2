import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../test-support/server.js';
import { verifyIdentity } from '../visitors/identity.js';

describe('the demo page', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.close());

  it('embeds the default site and identifies its pretend customer with a hash made on the server', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/demo' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<script src="/widget.js" data-site="${server.siteKey}" async></script>`);
    const identity = JSON.parse(/var DEMO_IDENTITY = (\{[^\n]*\});/.exec(res.body)![1]!) as { id: string; hash: string };
    const site = (await server.app.kefu.sites.byKey(server.siteKey))!;
    expect(verifyIdentity(site.identitySecret, identity.id, identity.hash)).toBe(true);
    expect(res.body).not.toContain(site.identitySecret!);
  });
});
