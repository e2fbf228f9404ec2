import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startServer, type TestServer } from '../test-support/server.js';

describe('agent sign-in over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.close());

  const login = (body: unknown, headers: Record<string, string> = {}) =>
    server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body as object, headers });

  it('signs in with the right password and sets an httpOnly SameSite session cookie', async () => {
    const res = await login(ADMIN);
    expect(res.statusCode).toBe(200);
    expect(res.json().agent).toMatchObject({ email: ADMIN.email, role: 'owner' });
    const cookie = res.headers['set-cookie'] as string;
    expect(cookie).toMatch(/^kefu_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const me = await server.app.inject({ url: '/api/v1/auth/me', headers: { cookie: cookie.split(';')[0]! } });
    expect(me.json().agent.email).toBe(ADMIN.email);
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    const wrong = await login({ ...ADMIN, password: 'nope' });
    const unknown = await login({ email: 'who@example.com', password: 'nope' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('answers malformed bodies with BAD_REQUEST and oversized ones with PAYLOAD_TOO_LARGE', async () => {
    const bad = await login({ email: 'not-an-email', password: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'BAD_REQUEST', path: 'email' });
    const broken = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(broken.json().error.code).toBe('BAD_REQUEST');
    const huge = await login({ email: ADMIN.email, password: 'x'.repeat(100_000) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses cross-site state changes (CSRF), including login', async () => {
    const res = await login(ADMIN, { origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_REJECTED');
  });

  it('signs out: the cookie no longer works', async () => {
    const cookie = (await login(ADMIN)).headers['set-cookie']!.toString().split(';')[0]!;
    const out = await server.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie }, payload: {} });
    expect(out.statusCode).toBe(200);
    const me = await server.app.inject({ url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('reports health and readiness', async () => {
    expect((await server.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await server.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
  });

  it('answers unknown API routes with NOT_FOUND', async () => {
    const res = await server.app.inject({ url: '/api/v1/nothing' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});
