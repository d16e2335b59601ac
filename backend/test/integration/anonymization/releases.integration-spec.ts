import { createHash } from 'node:crypto';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ComplianceEvaluator } from '../../../src/modules/compliance/compliance-evaluator.service';
import { insertAgreement, type FixtureAgreement } from '../approvals/support/agreement-fixtures';
import { bearer, login, type Session } from '../support/personas';
import { adultCsv, adultJobPolicy, ownQueuePrefix, stack, upload, waitForJob } from './anonymization-fixtures';

jest.setTimeout(120_000);

const SOURCE_NAMESPACE = 's3://inegi-microdatos';
const SOURCE_NAME = 'enoe/personas_2026t3';

/** Releases: accepted only when the report meets the agreement's anonymization terms; lineage and audit written with them. */
describe('releases gated by the agreement', () => {
  const prefix = ownQueuePrefix('anon_releases');
  let api: INestApplication;
  let worker: INestApplicationContext | null;
  let db: DataSource;
  let steward: Session;
  let official: Session;
  let datasetId: string;

  const http = () => request(api.getHttpServer());

  /** A dataset of INEGI's own for this file: the Adult-like columns, CURP and name marked as direct identifiers. */
  async function insertDataset(): Promise<string> {
    const [{ id: template }] = await db.query(`SELECT d.id FROM datasets d JOIN organizations o ON o.id = d.owner_organization_id WHERE o.name LIKE 'Instituto Nacional de Estadística%' ORDER BY d.title LIMIT 1`);
    const columns: string[] = (await db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'datasets' AND column_name NOT IN ('id', 'title', 'columns', 'lineage_namespace', 'lineage_name') AND is_generated = 'NEVER'`)).map((row: { column_name: string }) => `"${row.column_name}"`);
    const catalogColumns = [
      { name: 'folio', type: 'text', identifierKind: 'none' },
      { name: 'curp', type: 'text', identifierKind: 'direct' },
      { name: 'nombre', type: 'text', identifierKind: 'direct' },
      { name: 'age', type: 'integer', identifierKind: 'quasi' },
      { name: 'salary-class', type: 'text', identifierKind: 'sensitive' },
    ];
    const [row] = await db.query(
      `INSERT INTO datasets (title, columns, lineage_namespace, lineage_name, ${columns.join(', ')})
        SELECT 'Microdatos de ocupación (prueba de entregas)', $2::jsonb, $3, $4, ${columns.join(', ')} FROM datasets WHERE id = $1 RETURNING id`,
      [template, JSON.stringify(catalogColumns), SOURCE_NAMESPACE, SOURCE_NAME],
    );
    return row.id;
  }

  async function activeAgreement(anonymization: Record<string, unknown> = {}, state = 'active'): Promise<FixtureAgreement> {
    const agreement = await insertAgreement(db, { state: state as 'active' });
    await db.query(`DELETE FROM agreement_datasets WHERE agreement_id = $1`, [agreement.id]);
    await db.query(`INSERT INTO agreement_datasets (agreement_id, dataset_id) VALUES ($1, $2)`, [agreement.id, datasetId]);
    // Versions are immutable: the terms this test needs are version 2.
    const [{ terms, author_id: author }] = await db.query(`SELECT terms, author_id FROM agreement_versions WHERE agreement_id = $1 AND version = 1`, [agreement.id]);
    const next = { ...terms, datasetIds: [datasetId], anonymization: { ...terms.anonymization, ...anonymization } };
    await db.query(`INSERT INTO agreement_versions (agreement_id, version, terms, terms_hash, author_id) VALUES ($1, 2, $2::jsonb, $3, $4)`, [agreement.id, JSON.stringify(next), createHash('sha256').update(JSON.stringify(next)).digest('hex'), author]);
    // An active agreement was activated (the compliance rules read when).
    await db.query(`UPDATE agreements SET current_version = 2, activated_at = CASE WHEN state = 'active' THEN now() - interval '1 day' END WHERE id = $1`, [agreement.id]);
    return agreement;
  }

  async function completedJob(policy = adultJobPolicy(5, 0.05)) {
    const created = await upload(api, steward, adultCsv(2000, 11), policy, { datasetId });
    if (created.status !== 202) throw new Error(JSON.stringify(created.body));
    return waitForJob(api, steward, created.body.id, (job) => job.state === 'completed');
  }

  const counts = async () => (await db.query(`SELECT (SELECT count(*)::int FROM releases) AS releases, (SELECT count(*)::int FROM lineage_events) AS events, (SELECT count(*)::int FROM audit_entries WHERE action = 'release.created') AS audits`))[0];

  beforeAll(async () => {
    ({ api, worker } = await stack(prefix));
    db = api.get(DataSource);
    [steward, official] = await Promise.all([login(api, 'steward@inegi.org.mx'), login(api, 'oficial@economia.gob.mx')]);
    datasetId = await insertDataset();
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('accepts a release that meets the terms and writes lineage (masking edges, under the agreement) and an audit entry', async () => {
    const job = await completedJob();
    const agreement = await activeAgreement({ minK: 5, removeDirectIdentifiers: true, finestGeoLevel: 'municipality' });
    const created = await http().post(`/api/v1/agreements/${agreement.id}/releases`).set(bearer(steward)).send({ sourceDatasetId: datasetId, anonymizationJobId: job.id, name: 'Ocupación 2026 T3' }).expect(201);
    expect(created.body).toMatchObject({ agreementId: agreement.id, agreementReference: agreement.reference, agreementVersion: 2, sourceDatasetId: datasetId, anonymizationJobId: job.id, kAchieved: job.report!.kAchieved, records: job.report!.records.output });

    const run = (await http().get(`/api/v1/lineage/runs/${created.body.lineageRunId}`).set(bearer(official)).expect(200)).body;
    expect(run.agreementId).toBe(agreement.id);
    expect(run.state).toBe('COMPLETE');
    expect(run.inputs.map((input: { namespace: string; name: string }) => [input.namespace, input.name])).toEqual([[SOURCE_NAMESPACE, SOURCE_NAME]]);
    expect(run.outputs.map((output: { namespace: string; name: string }) => [output.namespace, output.name])).toEqual([[created.body.lineageDataset.namespace, created.body.lineageDataset.name]]);

    const graph = (await http().get('/api/v1/lineage/graph').query({ node: `dataset:${SOURCE_NAMESPACE}:${SOURCE_NAME}`, direction: 'downstream', depth: 2 }).set(bearer(official)).expect(200)).body;
    expect(graph.nodes.map((node: { id: string }) => node.id)).toEqual(expect.arrayContaining([`dataset:${created.body.lineageDataset.namespace}:${created.body.lineageDataset.name}`]));

    const columns = (await http().get('/api/v1/lineage/columns').query({ dataset: `${created.body.lineageDataset.namespace}:${created.body.lineageDataset.name}`, direction: 'upstream' }).set(bearer(official)).expect(200)).body;
    const masking = Object.fromEntries((columns.edges as Array<{ target: { field: string }; masking: boolean }>).map((edge) => [edge.target.field, edge.masking]));
    expect(masking.curp).toBe(true);
    expect(masking.folio).toBe(false);
    expect(masking.workclass).toBe(job.report!.levels.workclass.level > 0);
    expect(masking).not.toHaveProperty('nombre');

    const [audit] = await db.query(`SELECT after FROM audit_entries WHERE action = 'release.created' AND subject_id = $1`, [agreement.id]);
    expect(audit.after).toMatchObject({ releaseId: created.body.id, kAchieved: job.report!.kAchieved, minK: 5 });

    const listed = (await http().get(`/api/v1/agreements/${agreement.id}/releases`).set(bearer(official)).expect(200)).body;
    expect(listed.map((release: { id: string }) => release.id)).toEqual([created.body.id]);
    const again = await http().post(`/api/v1/agreements/${agreement.id}/releases`).set(bearer(steward)).send({ sourceDatasetId: datasetId, anonymizationJobId: job.id, name: 'Otra vez' }).expect(409);
    expect(again.body.message).toMatch(/already released/);

    // Later the parties raise the minimum k (version 3): the compliance check of the release's run finds it below.
    const [{ terms, author_id: author }] = await db.query(`SELECT terms, author_id FROM agreement_versions WHERE agreement_id = $1 AND version = 2`, [agreement.id]);
    const stricter = { ...terms, anonymization: { ...terms.anonymization, minK: job.report!.kAchieved! + 1 } };
    await db.query(`INSERT INTO agreement_versions (agreement_id, version, terms, terms_hash, author_id) VALUES ($1, 3, $2::jsonb, $3, $4)`, [agreement.id, JSON.stringify(stricter), createHash('sha256').update(JSON.stringify(stricter)).digest('hex'), author]);
    await db.query(`UPDATE agreements SET current_version = 3 WHERE id = $1`, [agreement.id]);
    await worker!.get(ComplianceEvaluator).evaluate(created.body.lineageRunId);
    const auditor = await login(api, 'auditor@funcionpublica.gob.mx');
    const findings = (await http().get('/api/v1/compliance/findings').query({ runId: created.body.lineageRunId }).set(bearer(auditor)).expect(200)).body.items;
    expect(findings.map((finding: { rule: string; agreementVersion: number }) => [finding.rule, finding.agreementVersion])).toEqual([['release_k_below_minimum', 3]]);
    expect(findings[0].evidence.facts).toMatchObject({ releaseId: created.body.id, releaseName: 'Ocupación 2026 T3', kAchieved: job.report!.kAchieved, minK: job.report!.kAchieved! + 1 });
    expect(findings[0].summary).toBe(`Release "Ocupación 2026 T3" under ${agreement.reference} has k = ${job.report!.kAchieved}; the agreement (version 3) requires at least ${job.report!.kAchieved! + 1}`);
  });

  it('refuses, naming each failed term, and writes nothing', async () => {
    const keepsName = await completedJob({ ...adultJobPolicy(2, 0.05), columns: { ...adultJobPolicy().columns, nombre: { action: 'keep' } } });
    const agreement = await activeAgreement({ minK: keepsName.report!.kAchieved! + 1, removeDirectIdentifiers: true });
    const before = await counts();
    const refused = await http().post(`/api/v1/agreements/${agreement.id}/releases`).set(bearer(steward)).send({ sourceDatasetId: datasetId, anonymizationJobId: keepsName.id, name: 'Con nombres' }).expect(422);
    expect(refused.body.details.map((detail: { path: string }) => detail.path)).toEqual(['terms.anonymization.minK', 'terms.anonymization.removeDirectIdentifiers']);
    expect(refused.body.details[0].message).toBe(`k achieved is ${keepsName.report!.kAchieved}; the agreement requires k ≥ ${keepsName.report!.kAchieved! + 1}`);
    expect(refused.body.details[1].message).toMatch(/"nombre" is a direct identifier/);
    expect(await counts()).toEqual(before);
  });

  it('checks a release against the terms before it is made: the same failures as a refusal, nothing written', async () => {
    const keepsName = await completedJob({ ...adultJobPolicy(2, 0.05), columns: { ...adultJobPolicy().columns, nombre: { action: 'keep' } } });
    const strict = await activeAgreement({ minK: keepsName.report!.kAchieved! + 1, removeDirectIdentifiers: true });
    const before = await counts();
    const failing = (await http().post(`/api/v1/agreements/${strict.id}/releases/check`).set(bearer(steward)).send({ sourceDatasetId: datasetId, anonymizationJobId: keepsName.id }).expect(200)).body;
    expect(failing.ok).toBe(false);
    expect(failing.failures.map((failure: { path: string }) => failure.path)).toEqual(['terms.anonymization.minK', 'terms.anonymization.removeDirectIdentifiers']);

    const job = await completedJob();
    const agreement = await activeAgreement({ minK: 5, removeDirectIdentifiers: true, finestGeoLevel: 'municipality' });
    const body = { sourceDatasetId: datasetId, anonymizationJobId: job.id };
    expect((await http().post(`/api/v1/agreements/${agreement.id}/releases/check`).set(bearer(steward)).send(body).expect(200)).body).toEqual({ ok: true, failures: [] });
    expect(await counts()).toEqual(before);
    await http().post(`/api/v1/agreements/${agreement.id}/releases`).set(bearer(steward)).send({ ...body, name: 'Verificada antes' }).expect(201);
    const again = (await http().post(`/api/v1/agreements/${agreement.id}/releases/check`).set(bearer(steward)).send(body).expect(200)).body;
    expect(again).toEqual({ ok: false, failures: [{ path: 'body.anonymizationJobId', message: `already released under ${agreement.reference}` }] });

    // The same gates as making one: only the provider's stewards, known jobs, valid bodies.
    await http().post(`/api/v1/agreements/${agreement.id}/releases/check`).set(bearer(official)).send(body).expect(403);
    await http().post(`/api/v1/agreements/${agreement.id}/releases/check`).set(bearer(steward)).send({ ...body, anonymizationJobId: '00000000-0000-4000-8000-000000000000' }).expect(404);
    await http().post(`/api/v1/agreements/${agreement.id}/releases/check`).set(bearer(steward)).send({ sourceDatasetId: 'x' }).expect(400);
  });

  it('refuses a release under an agreement that is not active', async () => {
    const job = await completedJob();
    const draft = await activeAgreement({}, 'approved');
    const refused = await http().post(`/api/v1/agreements/${draft.id}/releases`).set(bearer(steward)).send({ sourceDatasetId: datasetId, anonymizationJobId: job.id, name: 'Antes de firmar' }).expect(422);
    expect(refused.body.details).toEqual([{ path: 'agreement.state', message: 'the agreement is approved; data is delivered only under an active agreement' }]);
  });

  it('lets only the provider\'s stewards release; bad bodies are 400', async () => {
    const job = await completedJob();
    const agreement = await activeAgreement();
    await http().post(`/api/v1/agreements/${agreement.id}/releases`).set(bearer(official)).send({ sourceDatasetId: datasetId, anonymizationJobId: job.id, name: 'Por la Secretaría' }).expect(403);
    const partner = await login(api, 'socio@telcomx.com.mx');
    await http().post(`/api/v1/agreements/${agreement.id}/releases`).set(bearer(partner)).send({ sourceDatasetId: datasetId, anonymizationJobId: job.id, name: 'Por TelcoMX' }).expect(404);
    const bad = await http().post(`/api/v1/agreements/${agreement.id}/releases`).set(bearer(steward)).send({ sourceDatasetId: 'x', name: 'a' }).expect(400);
    expect(bad.body.details.map((detail: { path: string }) => detail.path).sort()).toEqual(['body.anonymizationJobId', 'body.name', 'body.sourceDatasetId']);
    await http().post(`/api/v1/agreements/${agreement.id}/releases`).set(bearer(steward)).send({ sourceDatasetId: datasetId, anonymizationJobId: '00000000-0000-4000-8000-000000000000', name: 'Sin trabajo' }).expect(404);
  });
});
