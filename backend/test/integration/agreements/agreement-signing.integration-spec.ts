import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { mexicoCityDate } from '@convenio/contracts';
import * as jsonld from 'jsonld';
import request from 'supertest';
import { AgreementSigningService } from '../../../src/modules/agreements/agreement-signing.service';
import { createTestApp } from '../support/create-app';
import { bearer, login, loginAll } from '../support/personas';
import { createDraft, forceState, loadWorld, type AgreementWorld, type Sessions } from './agreement-fixtures';
import { pdfText } from './pdf-text';

const ODRL = 'http://www.w3.org/ns/odrl/2/';
const ODRL_CONTEXT = JSON.parse(readFileSync(join(__dirname, '../../fixtures/odrl/odrl.jsonld'), 'utf8'));
/** Serves the W3C ODRL context from the fixture: no network. */
const documentLoader = async (url: string) => {
  if (url !== 'http://www.w3.org/ns/odrl.jsonld') throw new Error(`unexpected remote document ${url}`);
  return { contextUrl: undefined, documentUrl: url, document: ODRL_CONTEXT };
};

/** A binary response body as a Buffer (supertest leaves unknown types unparsed otherwise). */
const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('agreements: signatures, activation, PDF and ODRL', () => {
  let app: INestApplication;
  let sessions: Sessions;
  let world: AgreementWorld;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp();
    sessions = await loginAll(app);
    world = await loadWorld(app);
  });

  afterAll(async () => {
    await app.close();
  });

  const notificationsOf = async (userId: string, agreementId: string, kind: string) =>
    (await world.db.query(`SELECT id FROM notifications WHERE user_id = $1 AND kind = $2 AND link = $3`, [userId, kind, `/convenios/${agreementId}`])).length;

  it('signs the approved version side by side and activates it when both have signed', async () => {
    const draft = await createDraft(app, sessions, world);
    const url = `/api/v1/agreements/${draft.id}/sign`;
    const notYet = await http().post(url).set(bearer(sessions.partner)).expect(409);
    expect(notYet.body.details).toMatchObject({ state: 'draft', allowed: ['submit', 'withdraw'] });

    await forceState(world, draft.id, 'approved');
    const before = await http().get(`/api/v1/agreements/${draft.id}`).set(bearer(sessions.partner)).expect(200);
    expect(before.body.allowedEvents).toEqual(['sign']);
    // INEGI's steward is no party here: the agreement does not exist for it.
    await http().post(url).set(bearer(sessions.steward)).expect(404);

    const first = await http().post(url).set(bearer(sessions.partner)).expect(200);
    expect(first.body).toMatchObject({ state: 'awaiting_signatures', allowedEvents: [] });
    expect(first.body.allowedEvents).not.toContain('sign');
    expect(first.body.signatures).toEqual([
      expect.objectContaining({ side: 'provider', signerName: 'Mariana Treviño Garza', organizationName: 'TelcoMX S.A. de C.V.', version: 1, termsHash: draft.termsHash }),
    ]);
    expect(await notificationsOf(sessions.official.userId, draft.id, 'signature_requested')).toBe(1);
    const again = await http().post(url).set(bearer(sessions.partner)).expect(409);
    expect(again.body.message).toContain('already signed');
    await http().post(url).set(bearer(sessions.auditor)).expect(403);

    const second = await http().post(url).set(bearer(sessions.official)).expect(200);
    expect(second.body.state).toBe('active');
    expect(second.body.activatedAt).not.toBeNull();
    expect(second.body.signatures.map((signature: { side: string }) => signature.side)).toEqual(['provider', 'recipient']);
    expect(await notificationsOf(sessions.partner.userId, draft.id, 'agreement_active')).toBe(1);
    expect(await notificationsOf(sessions.official.userId, draft.id, 'agreement_active')).toBe(1);

    const history = await http().get(`/api/v1/agreements/${draft.id}/history`).set(bearer(sessions.official)).expect(200);
    expect(history.body.map((t: { event: string; toState: string }) => `${t.event}:${t.toState}`)).toEqual([
      'create:draft', 'sign:awaiting_signatures', 'sign:awaiting_signatures', 'activate:active',
    ]);
    await expect(world.db.query(`UPDATE agreement_signatures SET side = 'provider' WHERE agreement_id = $1`, [draft.id])).rejects.toThrow(/immutable/);
    await http().post(url).set(bearer(sessions.official)).expect(409);
  });

  it('waits for the start date when both sides sign early; activateDue starts it on that day', async () => {
    const draft = await createDraft(app, sessions, world, { startsOn: '2029-01-01' });
    await forceState(world, draft.id, 'approved');
    await http().post(`/api/v1/agreements/${draft.id}/sign`).set(bearer(sessions.official)).expect(200);
    // A second official of the same organization is the same side.
    const directora = await login(app, 'directora@economia.gob.mx');
    await http().post(`/api/v1/agreements/${draft.id}/sign`).set(bearer(directora)).expect(409);
    const signed = await http().post(`/api/v1/agreements/${draft.id}/sign`).set(bearer(sessions.partner)).expect(200);
    expect(signed.body).toMatchObject({ state: 'awaiting_signatures', activatedAt: null });

    const signing = app.get(AgreementSigningService);
    const today = mexicoCityDate(new Date());
    expect(await world.db.transaction((manager) => signing.activateDue(manager, today))).not.toContain(draft.id);
    const activated = await world.db.transaction((manager) => signing.activateDue(manager, '2029-01-01'));
    expect(activated).toContain(draft.id);
    const [row] = await world.db.query(`SELECT state, activated_at FROM agreements WHERE id = $1`, [draft.id]);
    expect(row.state).toBe('active');
    expect(row.activated_at).not.toBeNull();
  });

  it('refuses a signature on terms whose stored hash does not match', async () => {
    const draft = await createDraft(app, sessions, world);
    await forceState(world, draft.id, 'approved');
    // Tampering needs the immutability trigger off: exactly what the hash check is for.
    await world.db.transaction(async (manager) => {
      await manager.query(`ALTER TABLE agreement_versions DISABLE TRIGGER agreement_versions_immutable`);
      await manager.query(`UPDATE agreement_versions SET terms = jsonb_set(terms, '{retentionDays}', '9999') WHERE agreement_id = $1`, [draft.id]);
      await manager.query(`ALTER TABLE agreement_versions ENABLE TRIGGER agreement_versions_immutable`);
    });
    const refused = await http().post(`/api/v1/agreements/${draft.id}/sign`).set(bearer(sessions.partner)).expect(409);
    expect(refused.body.error).toBeDefined();
    expect(await world.db.query(`SELECT id FROM agreement_signatures WHERE agreement_id = $1`, [draft.id])).toEqual([]);
  });

  it('downloads the PDF with the terms, the hash and the signatures', async () => {
    const draft = await createDraft(app, sessions, world);
    await forceState(world, draft.id, 'approved');
    await http().post(`/api/v1/agreements/${draft.id}/sign`).set(bearer(sessions.partner)).expect(200);
    const response = await http().get(`/api/v1/agreements/${draft.id}/pdf`).set(bearer(sessions.official)).buffer(true).parse(binary).expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${draft.reference}.pdf"`);
    const pdf = response.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const expected of [draft.reference, draft.termsHash, 'TelcoMX S.A. de C.V.', 'Secretaría de Economía', 'Movilidad agregada por municipio', 'Firmó Mariana Treviño Garza', 'versión 1']) {
      expect(text).toContain(expected);
    }
    const unsigned = await createDraft(app, sessions, world);
    const empty = await http().get(`/api/v1/agreements/${unsigned.id}/pdf`).set(bearer(sessions.partner)).buffer(true).parse(binary).expect(200);
    expect(pdfText(empty.body as Buffer)).toContain('sin firmas');
  });

  it('exports the agreement as ODRL 2.2 JSON-LD that expands to ODRL IRIs', async () => {
    const draft = await createDraft(app, sessions, world);
    const response = await http().get(`/api/v1/agreements/${draft.id}/odrl`).set(bearer(sessions.partner)).expect(200).expect('Content-Type', /application\/ld\+json/);
    expect(response.body).toMatchObject({ '@type': 'Agreement', uid: `urn:uuid:${draft.id}`, 'dct:identifier': draft.reference });
    const [policy] = (await jsonld.expand(response.body, { documentLoader: documentLoader as never })) as Array<Record<string, unknown>>;
    expect(policy['@type']).toEqual([`${ODRL}Agreement`]);
    expect((policy[`${ODRL}assigner`] as Array<{ '@id': string }>)[0]['@id']).toBe(`urn:uuid:${world.organizations.telcomx}`);
    expect((policy[`${ODRL}assignee`] as Array<{ '@id': string }>)[0]['@id']).toBe(`urn:uuid:${world.organizations.se}`);
    const [permission] = policy[`${ODRL}permission`] as Array<Record<string, Array<Record<string, unknown>>>>;
    expect(permission[`${ODRL}target`][0]['@id']).toBe(`urn:uuid:${world.datasets.telcoMobility}`);
    expect(permission[`${ODRL}action`][0]['@id']).toBe(`${ODRL}use`);
    const leftOperands = permission[`${ODRL}constraint`].map((constraint) => (constraint[`${ODRL}leftOperand`] as Array<{ '@id': string }>)[0]['@id']);
    expect(leftOperands).toEqual([`${ODRL}purpose`, `${ODRL}dateTime`, `${ODRL}dateTime`]);
    expect(policy[`${ODRL}prohibition`]).toHaveLength(1);
  });
});
