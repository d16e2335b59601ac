import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { unpackRules } from '@casl/ability/extra';
import { createAppAbility, type AppRule } from '@convenio/policies';
import request from 'supertest';
import { createTestApp } from '../support/create-app';
import { bearer, login, PERSONAS } from '../support/personas';

function jwtClaims(token: string): { iat: number; exp: number; sub: string } {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

describe('authentication', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('signs in with email and password and issues a short-lived access token', async () => {
    const response = await http().post('/api/v1/auth/login').send({ email: 'OFICIAL@economia.gob.mx', password: 'convenio-demo' }).expect(200);
    expect(response.body.user).toMatchObject({ email: PERSONAS.official, roles: ['official'], organization: { name: 'Secretaría de Economía', sector: 'public' } });
    const claims = jwtClaims(response.body.accessToken);
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(15 * 60);
    expect(response.body.refreshToken).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{40,}$/);
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const wrong = await http().post('/api/v1/auth/login').send({ email: PERSONAS.auditor, password: 'not-the-password' }).expect(401);
    const unknown = await http().post('/api/v1/auth/login').send({ email: `nobody-${randomUUID()}@example.com`, password: 'not-the-password' }).expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.message).toBe('Invalid email or password');
  });

  it('rejects a missing field with 400 naming it', async () => {
    const response = await http().post('/api/v1/auth/login').send({ email: PERSONAS.admin }).expect(400);
    expect(response.body.details[0].path).toBe('body.password');
  });

  it('returns the user and packed CASL rules at /auth/me, and 401 without a valid token', async () => {
    const session = await login(app, PERSONAS.steward);
    const me = await http().get('/api/v1/auth/me').set(bearer(session)).expect(200);
    expect(me.body.user.roles).toEqual(['steward']);
    const ability = createAppAbility(unpackRules(me.body.rules) as AppRule[]);
    expect(ability.can('create', 'ApiKey')).toBe(true);
    expect(ability.can('create', 'Organization')).toBe(false);
    await http().get('/api/v1/auth/me').expect(401);
    const garbage = await http().get('/api/v1/auth/me').set('Authorization', 'Bearer not-a-token').expect(401);
    expect(garbage.body.statusCode).toBe(401);
  });

  it('rotates refresh tokens, and revokes the whole family when a used one comes back', async () => {
    const session = await login(app, PERSONAS.partner);
    const first = await http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(200);
    expect(first.body.refreshToken).not.toBe(session.refreshToken);
    const second = await http().post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(200);
    const reuse = await http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    expect(reuse.body.message).toMatch(/already used/);
    await http().post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken }).expect(401);
    const audit = await http()
      .get('/api/v1/audit')
      .query({ action: 'auth.refresh_reuse', subjectId: session.userId })
      .set(bearer(await login(app, PERSONAS.auditor)))
      .expect(200);
    expect(audit.body.total).toBe(1);
  });

  it('logs out by revoking the refresh token family', async () => {
    const session = await login(app, PERSONAS.retailPartner);
    await http().post('/api/v1/auth/logout').send({ refreshToken: session.refreshToken }).expect(204);
    await http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
  });

  it('audits logins and failed logins', async () => {
    const email = PERSONAS.official;
    await http().post('/api/v1/auth/login').send({ email, password: 'wrong-password-1' }).expect(401);
    const auditor = await login(app, PERSONAS.auditor);
    const failed = await http().get('/api/v1/audit').query({ action: 'auth.login_failed' }).set(bearer(auditor)).expect(200);
    expect(failed.body.items.some((entry: { actorLabel: string }) => entry.actorLabel === email)).toBe(true);
    const logins = await http().get('/api/v1/audit').query({ action: 'auth.login', actor: auditor.userId }).set(bearer(auditor)).expect(200);
    expect(logins.body.total).toBeGreaterThan(0);
  });
});

describe('login throttling', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createTestApp({ QUEUE_PREFIX: `throttle_${randomUUID().slice(0, 8)}`, LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '5', LOGIN_THROTTLE_WINDOW_SECONDS: '60' });
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers 429 with Retry-After after repeated failures on one account', async () => {
    const http = () => request(app.getHttpServer());
    for (let attempt = 0; attempt < 3; attempt += 1) await http().post('/api/v1/auth/login').send({ email: PERSONAS.steward, password: 'wrong-password' }).expect(401);
    const blocked = await http().post('/api/v1/auth/login').send({ email: PERSONAS.steward, password: 'convenio-demo' }).expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.body.statusCode).toBe(429);
  });

  it('answers 429 per client address across accounts', async () => {
    const http = () => request(app.getHttpServer());
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await http().post('/api/v1/auth/login').send({ email: `a${attempt}-${randomUUID()}@example.com`, password: 'wrong-password' }).expect(401);
    }
    await http().post('/api/v1/auth/login').send({ email: PERSONAS.auditor, password: 'convenio-demo' }).expect(429);
  });
});
