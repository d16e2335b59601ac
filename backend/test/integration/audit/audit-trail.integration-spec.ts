import type { INestApplication } from '@nestjs/common';
import { AUDIT_GENESIS_HASH } from '@convenio/contracts';
import { Client } from 'pg';
import request from 'supertest';
import { AuditChainVerifier } from '../../../src/core/audit/audit-hash';
import { migrateDatabase } from '../../../src/core/database/migrate';
import { seedDemoData } from '../../../src/seed/demo-seed';
import { createTestApp } from '../support/create-app';
import { bearer, login, loginAll, type Persona, type Session } from '../support/personas';
import { adminQuery, databaseUrl } from '../support/test-services';

/**
 * The tamper-evident trail, on a database of its own (these tests tamper with it).
 */
describe('audit trail', () => {
  const name = `convenio_test_audit_${Date.now().toString(36)}_${process.pid}`;
  let app: INestApplication;
  let sessions: Record<Persona, Session>;
  let superuser: Client;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE "${name}"`);
    await migrateDatabase(databaseUrl(name), seedDemoData);
    app = await createTestApp({ DATABASE_URL: databaseUrl(name) });
    sessions = await loginAll(app);
    superuser = new Client({ connectionString: databaseUrl(name) });
    await superuser.connect();
  });

  afterAll(async () => {
    await superuser?.end();
    await app?.close();
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  const verify = async () => (await http().get('/api/v1/audit/verify').set(bearer(sessions.auditor)).expect(200)).body;

  it('never forks under concurrent writers', async () => {
    await Promise.all(Array.from({ length: 24 }, (_, index) => http().post('/api/v1/auth/login').send({ email: `nadie${index}@example.com`, password: 'wrong-password' })));
    const { rows } = await superuser.query('SELECT prev_hash, count(*)::int AS n FROM audit_entries GROUP BY prev_hash HAVING count(*) > 1');
    expect(rows).toEqual([]);
    const result = await verify();
    expect(result).toMatchObject({ valid: true, firstInvalidEntryId: null });
    expect(result.entriesChecked).toBeGreaterThanOrEqual(24 + 6);
  });

  it('cannot be changed or deleted by the application', async () => {
    await expect(superuser.query(`UPDATE audit_entries SET action = 'x' WHERE id = (SELECT min(id) FROM audit_entries)`)).rejects.toThrow(/append-only/);
    await expect(superuser.query(`DELETE FROM audit_entries`)).rejects.toThrow(/append-only/);
    await expect(superuser.query(`TRUNCATE audit_entries`)).rejects.toThrow(/append-only/);
  });

  it('exports NDJSON with the chain head, which verifies offline', async () => {
    const response = await http().get('/api/v1/audit/export').set(bearer(sessions.auditor)).buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => done(null, text));
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/ndjson/);
    const lines = (response.body as string).trim().split('\n').map((line) => JSON.parse(line));
    const head = lines.pop();
    expect(head.chainHead.lastHash).toMatch(/^[0-9a-f]{64}$/);
    const verifier = new AuditChainVerifier(AUDIT_GENESIS_HASH);
    for (const entry of lines) verifier.next(entry);
    expect(verifier.finish(head.chainHead).valid).toBe(true);
    const tampered = (response.body as string).replace(/"action":"auth.login"/, '"action":"auth.logout"');
    const verifierOfTampered = new AuditChainVerifier(AUDIT_GENESIS_HASH);
    const tamperedLines = tampered.trim().split('\n').map((line) => JSON.parse(line));
    const tamperedHead = tamperedLines.pop();
    for (const entry of tamperedLines) verifierOfTampered.next(entry);
    expect(verifierOfTampered.finish(tamperedHead.chainHead).valid).toBe(false);
  });

  it('names a row changed with superuser SQL', async () => {
    const { rows } = await superuser.query(`SELECT id FROM audit_entries WHERE action = 'auth.login' ORDER BY id LIMIT 1 OFFSET 2`);
    const target = rows[0].id as string;
    await superuser.query('BEGIN');
    await superuser.query('SET LOCAL session_replication_role = replica');
    await superuser.query(`UPDATE audit_entries SET after = '{"forged": true}' WHERE id = $1`, [target]);
    await superuser.query('COMMIT');
    expect(await verify()).toMatchObject({ valid: false, firstInvalidEntryId: target });
  });

  it('names the entry after a deleted one', async () => {
    const { rows } = await superuser.query(`SELECT id FROM audit_entries ORDER BY id LIMIT 2 OFFSET 1`);
    await superuser.query('BEGIN');
    await superuser.query('SET LOCAL session_replication_role = replica');
    await superuser.query(`DELETE FROM audit_entries WHERE id = $1`, [rows[0].id]);
    await superuser.query('COMMIT');
    expect(await verify()).toMatchObject({ valid: false, firstInvalidEntryId: rows[1].id });
  });

  it('is readable by auditors only, then officials for their organization', async () => {
    await http().get('/api/v1/audit/export').set(bearer(sessions.official)).expect(403);
    await http().get('/api/v1/audit/verify').set(bearer(sessions.admin)).expect(403);
    const session = await login(app, 'directora@economia.gob.mx');
    await http().get('/api/v1/audit').set(bearer(session)).expect(200);
  });
});
