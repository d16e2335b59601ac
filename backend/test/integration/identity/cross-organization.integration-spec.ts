import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp } from '../support/create-app';
import { bearer, loginAll, type Persona, type Session } from '../support/personas';

/**
 * Every resource, tried by every persona on another organization's objects: what is not
 * theirs to see answers 404 (existence is not revealed); what they may see answers 200.
 */
describe('cross-organization access', () => {
  let app: INestApplication;
  let sessions: Record<Persona, Session>;
  let retailKeyId: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp();
    sessions = await loginAll(app);
    const key = await http().post('/api/v1/api-keys').set(bearer(sessions.retailPartner)).send({ name: 'ventas', permissions: [{ action: 'read', subject: 'User' }] }).expect(201);
    retailKeyId = key.body.id;
  });

  afterAll(async () => {
    await app.close();
  });

  const otherOrgUser = () => sessions.retailPartner.userId;

  it.each([
    ['official', 404],
    ['steward', 404],
    ['partner', 404],
    ['auditor', 200],
    ['admin', 200],
  ] as const)('GET another organization user as %s → %i', async (persona, status) => {
    await http().get(`/api/v1/users/${otherOrgUser()}`).set(bearer(sessions[persona])).expect(status);
  });

  it.each([
    ['steward', 404],
    ['partner', 404],
    ['auditor', 403],
    ['admin', 200],
  ] as const)("revoking another organization's API key as %s → %i", async (persona, status) => {
    const response = await http().get(`/api/v1/api-keys`).set(bearer(sessions[persona]));
    if (persona === 'steward' || persona === 'partner') {
      expect(response.body.items.map((key: { id: string }) => key.id)).not.toContain(retailKeyId);
    }
    if (status === 200) return; // the admin case is exercised last, below
    await http().delete(`/api/v1/api-keys/${retailKeyId}`).set(bearer(sessions[persona])).expect(status);
  });

  it('lets the admin revoke any key, once', async () => {
    await http().delete(`/api/v1/api-keys/${retailKeyId}`).set(bearer(sessions.admin)).expect(200);
    await http().delete(`/api/v1/api-keys/${retailKeyId}`).set(bearer(sessions.admin)).expect(409);
  });

  it('shows officials only their own organization in the audit trail, and partners none', async () => {
    const official = await http().get('/api/v1/audit').query({ pageSize: 200 }).set(bearer(sessions.official)).expect(200);
    expect(official.body.items.length).toBeGreaterThan(0);
    expect(new Set(official.body.items.map((entry: { organizationId: string }) => entry.organizationId))).toEqual(new Set([sessions.official.organizationId]));
    await http().get('/api/v1/audit').set(bearer(sessions.partner)).expect(403);
    await http().get('/api/v1/audit/verify').set(bearer(sessions.official)).expect(403);
  });

  it('answers 404 for an unknown or malformed id, like a forbidden one', async () => {
    await http().get('/api/v1/users/00000000-0000-4000-8000-000000000000').set(bearer(sessions.admin)).expect(404);
    await http().get('/api/v1/organizations/not-a-uuid').set(bearer(sessions.admin)).expect(404);
  });

  it('audits a denied access', async () => {
    await http().post('/api/v1/users').set(bearer(sessions.partner)).send({}).expect(403);
    const denied = await http().get('/api/v1/audit').query({ action: 'access.denied', actor: sessions.partner.userId }).set(bearer(sessions.auditor)).expect(200);
    expect(denied.body.total).toBeGreaterThan(0);
  });
});
