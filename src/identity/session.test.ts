import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, cookiesOf, createTestApp, login } from '../../test/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ customers: 20, config: { loginRateLimitPerMinute: 5 } });
});
afterAll(() => t.close());

describe('logging in and out', () => {
  it('logs in with the demo password, sets an httpOnly SameSite session cookie and a readable csrf cookie', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'Advisor@Demo.Suivi', password: 'demo-suivi' },
      remoteAddress: '10.0.0.1',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({
      email: 'advisor@demo.suivi',
      role: 'advisor',
      site: { code: 'VIT', kind: 'inhouse' },
    });
    const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    const session = setCookie.find((value) => value.startsWith('suivi_session='));
    const csrf = setCookie.find((value) => value.startsWith('csrf-token='));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).toMatch(/Secure/i);
    expect(csrf).not.toMatch(/HttpOnly/i);
  });

  it('refuses a wrong password with 401 and sets no cookie', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'advisor@demo.suivi', password: 'nope' },
      remoteAddress: '10.0.0.2',
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('refuses generated staff accounts, which have no password', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'vit.0001@staff.demo.suivi', password: 'demo-suivi' },
      remoteAddress: '10.0.0.3',
    });
    expect(response.statusCode).toBe(401);
  });

  it('answers malformed JSON and missing fields with 400 problem+json naming the field', async () => {
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
      remoteAddress: '10.0.0.4',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    expect(malformed.json().title).toBe('Malformed JSON');
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'not-an-email' },
      remoteAddress: '10.0.0.4',
    });
    expect(missing.statusCode).toBe(400);
    const fields = missing.json().errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['body.email', 'body.password']));
    const extra = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'a@b.fr', password: 'x', admin: true },
      remoteAddress: '10.0.0.4',
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors[0].field).toBe('body.admin');
  });

  it('rate-limits login attempts per address with 429', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { email: 'advisor@demo.suivi', password: 'wrong' },
        remoteAddress: '10.9.9.9',
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'advisor@demo.suivi', password: 'demo-suivi' },
      remoteAddress: '10.9.9.10',
    });
    expect(other.statusCode).toBe(200);
  });

  it('invalidates the session on the server at logout', async () => {
    const session = await login(t.app, 'supervisor@demo.suivi');
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: session.cookie } });
    expect(me.json().user.role).toBe('supervisor');
    const logout = await t.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
    });
    expect(logout.statusCode).toBe(204);
    // the old cookie, replayed, no longer works
    const after = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: session.cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('requires the csrf token on cookie-authenticated writes', async () => {
    const session = await login(t.app, 'admin@demo.suivi');
    const without = await t.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: session.cookie } });
    expect(without.statusCode).toBe(403);
    const wrong = await t.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie: session.cookie, 'x-csrf-token': 'forged' },
    });
    expect(wrong.statusCode).toBe(403);
    const stillIn = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: session.cookie } });
    expect(stillIn.statusCode).toBe(200);
  });

  it('lets an admin create an API token that works without csrf and is stored only as a hash', async () => {
    const admin = await login(t.app, 'admin@demo.suivi');
    const me = (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: admin.cookie } })).json().user;
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/users/${me.id}/tokens`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: { name: 'dialler' },
    });
    expect(created.statusCode).toBe(201);
    const token: string = created.json().token;
    expect(token).toMatch(/^suivi_/);
    const stored = await t.database.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(stored.map((row) => row.token_hash)).not.toContain(token);
    const viaToken = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(viaToken.json().user.email).toBe('admin@demo.suivi');
    const bogus = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: 'Bearer suivi_nope' },
    });
    expect(bogus.statusCode).toBe(401);
  });

  it('keeps cookies usable: the csrf cookie value is what the header must echo', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'planner@demo.suivi', password: 'demo-suivi' },
      remoteAddress: '10.0.0.5',
    });
    const { cookie, csrf } = cookiesOf(response);
    const logout = await t.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(logout.statusCode).toBe(204);
  });
});
