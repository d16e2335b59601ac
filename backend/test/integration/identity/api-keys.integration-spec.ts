import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp } from '../support/create-app';
import { bearer, loginAll, type Persona, type Session } from '../support/personas';

describe('API keys for machine clients', () => {
  let app: INestApplication;
  let sessions: Record<Persona, Session>;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp();
    sessions = await loginAll(app);
  });

  afterAll(async () => {
    await app.close();
  });

  it('is shown once, works as a Bearer token with a subset of the creator permissions, and can be revoked', async () => {
    const created = await http().post('/api/v1/api-keys').set(bearer(sessions.steward)).send({ name: 'productor de linaje', permissions: [{ action: 'read', subject: 'User' }] }).expect(201);
    expect(created.body.key).toMatch(/^cvk_[A-Za-z0-9]{12}_/);
    const listed = await http().get('/api/v1/api-keys').set(bearer(sessions.steward)).expect(200);
    const summary = listed.body.items.find((key: { id: string }) => key.id === created.body.id);
    expect(summary).not.toHaveProperty('key');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);

    const asKey = { Authorization: `Bearer ${created.body.key}` };
    const me = await http().get('/api/v1/auth/me').set(asKey).expect(200);
    expect(me.body.via).toBe('apiKey');
    expect(me.body.user.organization.id).toBe(sessions.steward.organizationId);
    const users = await http().get('/api/v1/users').set(asKey).expect(200);
    expect(new Set(users.body.items.map((user: { organizationId: string }) => user.organizationId))).toEqual(new Set([sessions.steward.organizationId]));
    await http().get('/api/v1/api-keys').set(asKey).expect(403);
    await http().post('/api/v1/api-keys').set(asKey).send({ name: 'otra', permissions: [{ action: 'read', subject: 'User' }] }).expect(403);

    await http().delete(`/api/v1/api-keys/${created.body.id}`).set(bearer(sessions.steward)).expect(200);
    await http().get('/api/v1/users').set(asKey).expect(401);
  });

  it('refuses permissions the creator does not hold, naming each', async () => {
    const response = await http()
      .post('/api/v1/api-keys')
      .set(bearer(sessions.steward))
      .send({ name: 'demasiado', permissions: [{ action: 'read', subject: 'User' }, { action: 'create', subject: 'Organization' }] })
      .expect(422);
    expect(response.body.details).toEqual([expect.objectContaining({ path: 'body.permissions.1' })]);
  });

  it('may not be created by partners or auditors', async () => {
    await http().post('/api/v1/api-keys').set(bearer(sessions.official)).send({ name: 'x', permissions: [{ action: 'read', subject: 'User' }] }).expect(403);
    await http().post('/api/v1/api-keys').set(bearer(sessions.auditor)).send({ name: 'x', permissions: [{ action: 'read', subject: 'User' }] }).expect(403);
  });

  it('rejects a wrong, malformed or expired key with 401', async () => {
    await http().get('/api/v1/auth/me').set('Authorization', 'Bearer cvk_AAAAAAAAAAAA_wrongsecretwrongsecretwrong').expect(401);
    await http().get('/api/v1/auth/me').set('Authorization', 'Bearer cvk_short').expect(401);
  });
});
