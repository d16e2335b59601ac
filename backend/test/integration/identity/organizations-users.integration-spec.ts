import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { computeRfcCheckDigit } from '@convenio/contracts';
import request from 'supertest';
import { createTestApp } from '../support/create-app';
import { bearer, login, loginAll, type Persona, type Session } from '../support/personas';

/** An invented company RFC with a correct (or deliberately wrong) check character. */
function companyRfc(valid: boolean): string {
  const letters = Array.from({ length: 3 }, () => 'ABCDEFGHJKLMNPQRSTUVWXYZ'[Math.floor(Math.random() * 24)]).join('');
  const base = `${letters}${String(10 + Math.floor(Math.random() * 15)).padStart(2, '0')}0${1 + Math.floor(Math.random() * 9)}1${Math.floor(Math.random() * 9)}${'AB'}`;
  const check = computeRfcCheckDigit(base);
  return `${base}${valid ? check : check === '1' ? '2' : '1'}`;
}

describe('organizations and users', () => {
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

  it('lists active organizations to the public without contact details', async () => {
    const response = await http().get('/api/v1/organizations').expect(200);
    expect(response.body.total).toBeGreaterThanOrEqual(7);
    for (const organization of response.body.items) {
      expect(organization.active).toBe(true);
      expect(organization).not.toHaveProperty('contactEmail');
      expect(organization).not.toHaveProperty('contactPhone');
    }
    const signedIn = await http().get('/api/v1/organizations').set(bearer(sessions.partner)).expect(200);
    expect(signedIn.body.items[0]).toHaveProperty('contactEmail');
  });

  it('lets the admin create an organization; a malformed RFC is 400 naming it', async () => {
    const bad = await http().post('/api/v1/organizations').set(bearer(sessions.admin)).send({ name: 'Datos del Norte', sector: 'private', rfc: 'ABC12' }).expect(400);
    expect(bad.body.details[0].path).toBe('body.rfc');
    expect(bad.body.message).toContain('ABC12');
    const created = await http().post('/api/v1/organizations').set(bearer(sessions.admin)).send({ name: 'Datos del Norte', sector: 'private', rfc: companyRfc(true), stateCode: '19' }).expect(201);
    expect(created.body.rfcWarning).toBeNull();
    const duplicate = await http().post('/api/v1/organizations').set(bearer(sessions.admin)).send({ name: 'Otra', sector: 'private', rfc: created.body.rfc }).expect(409);
    expect(duplicate.body.details[0].path).toBe('body.rfc');
  });

  it('stores an RFC with a failed check character, with a warning', async () => {
    const response = await http().post('/api/v1/organizations').set(bearer(sessions.admin)).send({ name: 'Cooperativa Sur', sector: 'social', rfc: companyRfc(false) }).expect(201);
    expect(response.body.rfcWarning).toMatch(/check/i);
  });

  it('refuses organization changes to everyone but the admin', async () => {
    for (const persona of ['official', 'steward', 'partner', 'auditor'] as const) {
      await http().post('/api/v1/organizations').set(bearer(sessions[persona])).send({ name: 'Intento', sector: 'public' }).expect(403);
    }
    await http().post('/api/v1/organizations').send({ name: 'Intento', sector: 'public' }).expect(401);
  });

  it('deactivates a user: no more logins, and the live token stops working', async () => {
    const org = (await http().get('/api/v1/organizations').query({ q: 'INEGI' }).set(bearer(sessions.admin)).expect(200)).body.items[0];
    const email = `temporal-${randomUUID().slice(0, 8)}@inegi.org.mx`;
    const user = await http().post('/api/v1/users').set(bearer(sessions.admin)).send({ email, fullName: 'Persona Temporal', organizationId: org.id, roles: ['steward'], password: 'una-clave-larga-123' }).expect(201);
    const session = await login(app, email, 'una-clave-larga-123');
    await http().get('/api/v1/auth/me').set(bearer(session)).expect(200);
    const updated = await http().patch(`/api/v1/users/${user.body.id}`).set(bearer(sessions.admin)).send({ active: false }).expect(200);
    expect(updated.body.active).toBe(false);
    await http().post('/api/v1/auth/login').send({ email, password: 'una-clave-larga-123' }).expect(401);
    await http().get('/api/v1/auth/me').set(bearer(session)).expect(401);
    await http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    const history = await http().get('/api/v1/audit').query({ subjectType: 'User', subjectId: user.body.id }).set(bearer(sessions.auditor)).expect(200);
    expect(history.body.items.map((entry: { action: string }) => entry.action)).toEqual(expect.arrayContaining(['user.created', 'user.deactivated', 'auth.login']));
  });

  it('assigns roles, and rejects unknown roles and duplicate emails by field', async () => {
    const bad = await http().post('/api/v1/users').set(bearer(sessions.admin)).send({ email: 'x@y.mx', fullName: 'X Y', organizationId: sessions.partner.organizationId, roles: ['boss'], password: 'una-clave-larga-123' }).expect(400);
    expect(bad.body.details[0].path).toBe('body.roles.0');
    const taken = await http().post('/api/v1/users').set(bearer(sessions.admin)).send({ email: 'socio@telcomx.com.mx', fullName: 'Copia', organizationId: sessions.partner.organizationId, roles: ['partner'], password: 'una-clave-larga-123' }).expect(409);
    expect(taken.body.details[0].path).toBe('body.email');
    const roles = await http().patch(`/api/v1/users/${sessions.retailPartner.userId}`).set(bearer(sessions.admin)).send({ roles: ['partner', 'steward'] }).expect(200);
    expect(roles.body.roles).toEqual(['partner', 'steward']);
  });

  it('lists to each person only the users their rules allow (filtered in SQL)', async () => {
    const asOfficial = await http().get('/api/v1/users').query({ pageSize: 200 }).set(bearer(sessions.official)).expect(200);
    expect(new Set(asOfficial.body.items.map((user: { organizationId: string }) => user.organizationId))).toEqual(new Set([sessions.official.organizationId]));
    const asAuditor = await http().get('/api/v1/users').query({ pageSize: 200 }).set(bearer(sessions.auditor)).expect(200);
    expect(new Set(asAuditor.body.items.map((user: { organizationId: string }) => user.organizationId)).size).toBeGreaterThan(3);
  });
});
