import { createHash, randomUUID } from 'node:crypto';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName } from '../../../src/core/queue/queue-names';
import { ComplianceEvaluator } from '../../../src/modules/compliance/compliance-evaluator.service';
import { insertAgreement, organizationId } from '../approvals/support/agreement-fixtures';
import { createTestApp, createTestWorker } from '../support/create-app';
import { bearer, login, type Session } from '../support/personas';

jest.setTimeout(120_000);

const SPARK = 'https://github.com/OpenLineage/OpenLineage/tree/1.25.0/integration/spark';
const SPEC = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const LAKE = `s3://telcomx-lake-${Date.now().toString(36)}`;
const SE_DW = `postgres://se-dw-${Date.now().toString(36)}:5432`;

interface ColumnFlow {
  from: string;
  to: string;
  masking: boolean;
}

/** A Spark-style COMPLETE RunEvent with column lineage (2-0-x shape) and, optionally, the convenio_agreement facet. */
function sparkRun(input: [string, string], output: [string, string], columns: ColumnFlow[], agreementId?: string, eventTime = '2026-06-01T12:00:00Z') {
  const runId = randomUUID();
  const fields = Object.fromEntries(columns.map((column) => [column.to, { inputFields: [{ namespace: input[0], name: input[1], field: column.from, transformations: [{ type: 'DIRECT', subtype: column.masking ? 'TRANSFORMATION' : 'IDENTITY', masking: column.masking }] }] }]));
  return {
    runId,
    event: {
      eventType: 'COMPLETE',
      eventTime,
      producer: SPARK,
      schemaURL: SPEC,
      run: { runId, facets: agreementId ? { convenio_agreement: { _producer: SPARK, _schemaURL: 'https://convenio.gob.mx/openlineage/facets/1-0-0/ConvenioAgreementRunFacet.json', agreementId } } : {} },
      job: { namespace: 'spark-telcomx', name: `job_${runId.slice(0, 8)}` },
      inputs: [{ namespace: input[0], name: input[1] }],
      outputs: [{ namespace: output[0], name: output[1], facets: columns.length ? { columnLineage: { _producer: SPARK, _schemaURL: 'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet', fields } } : {} }],
    },
  };
}

/** Compliance findings: each rule, on events sent to the API and checked by the real worker; triage by auditors and officials. */
describe('compliance findings', () => {
  const prefix = { QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_compliance` };
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: DataSource;
  let steward: Session;
  let auditor: Session;
  let official: Session;
  let telco: string;
  let se: string;
  let cdr: string;
  const http = () => request(api.getHttpServer());

  async function insertDataset(owner: string, title: string, namespace: string, name: string, columns: Array<[string, string]>): Promise<string> {
    const [{ id: template }] = await db.query(`SELECT id FROM datasets ORDER BY title LIMIT 1`);
    const names: string[] = (await db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'datasets' AND column_name NOT IN ('id', 'title', 'columns', 'lineage_namespace', 'lineage_name', 'owner_organization_id', 'steward_id') AND is_generated = 'NEVER'`)).map((row: { column_name: string }) => `"${row.column_name}"`);
    const [row] = await db.query(
      `INSERT INTO datasets (title, columns, lineage_namespace, lineage_name, owner_organization_id, ${names.join(', ')}) SELECT $2, $3::jsonb, $4, $5, $6, ${names.join(', ')} FROM datasets WHERE id = $1 RETURNING id`,
      [template, title, JSON.stringify(columns.map(([column, identifierKind]) => ({ name: column, type: 'text', identifierKind }))), namespace, name, owner],
    );
    return row.id;
  }

  /** An agreement TelcoMX → Secretaría de Economía over the CDR dataset, in a state, activated (or not) at a time. */
  async function agreement(state: 'active' | 'approved' | 'terminated', activatedAt: string | null, endedAt: string | null = null, removeDirectIdentifiers = true) {
    const created = await insertAgreement(db, { provider: 'TelcoMX', recipient: 'Secretaría de Economía', state });
    const [{ terms, author_id: author }] = await db.query(`SELECT terms, author_id FROM agreement_versions WHERE agreement_id = $1 AND version = 1`, [created.id]);
    const next = { ...terms, datasetIds: [cdr], anonymization: { ...terms.anonymization, removeDirectIdentifiers } };
    await db.query(`INSERT INTO agreement_versions (agreement_id, version, terms, terms_hash, author_id) VALUES ($1, 2, $2::jsonb, $3, $4)`, [created.id, JSON.stringify(next), createHash('sha256').update(JSON.stringify(next)).digest('hex'), author]);
    await db.query(`UPDATE agreements SET current_version = 2, activated_at = $2, ended_at = $3 WHERE id = $1`, [created.id, activatedAt, endedAt]);
    return created;
  }

  async function send(event: object): Promise<string> {
    const response = await http().post('/api/v1/lineage').set(bearer(steward)).send(event).expect(201);
    return response.body.eventId;
  }

  /** The run's findings once the worker has checked it. */
  async function findingsOf(runId: string, expected: number) {
    const until = Date.now() + 30_000;
    for (;;) {
      const [{ checked }] = await db.query(`SELECT NOT EXISTS (SELECT 1 FROM lineage_runs_due WHERE run_id = $1) AS checked`, [runId]);
      const page = (await http().get('/api/v1/compliance/findings').query({ runId, pageSize: 50 }).set(bearer(auditor)).expect(200)).body;
      if (checked && page.items.length >= expected) return page.items as Array<{ id: string; rule: string; severity: string; status: string; summary: string; evidence: { eventIds: string[]; edges: unknown[]; facts: Record<string, unknown> } }>;
      if (Date.now() > until) throw new Error(`run ${runId}: checked ${checked}, ${page.items.length} finding(s), expected ${expected}`);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }

  beforeAll(async () => {
    api = await createTestApp(prefix);
    worker = await createTestWorker(prefix);
    db = api.get(DataSource);
    [steward, auditor, official] = await Promise.all([login(api, 'steward@inegi.org.mx'), login(api, 'auditor@funcionpublica.gob.mx'), login(api, 'oficial@economia.gob.mx')]);
    [telco, se] = await Promise.all([organizationId(db, 'TelcoMX'), organizationId(db, 'Secretaría de Economía')]);
    cdr = await insertDataset(telco, 'Registros de llamadas (prueba de cumplimiento)', LAKE, 'raw/cdr', [['msisdn', 'direct'], ['mun_cvegeo', 'quasi'], ['ts', 'none']]);
    // TelcoMX's cell catalog: no agreement ever covers it.
    await insertDataset(telco, 'Catálogo de antenas (prueba de cumplimiento)', LAKE, 'raw/cells', [['cell_id', 'none']]);
    await insertDataset(se, 'Matriz origen-destino (prueba de cumplimiento)', SE_DW, 'mobility.od', [['msisdn', 'none'], ['mun_cvegeo', 'none']]);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('cross_org_flow_without_agreement: TelcoMX data lands in the ministry with no agreement', async () => {
    const { runId, event } = sparkRun([LAKE, 'raw/cells'], [SE_DW, 'mobility.od'], []);
    const eventId = await send(event);
    const [finding] = await findingsOf(runId, 1);
    expect(finding).toMatchObject({ rule: 'cross_org_flow_without_agreement', severity: 'high', status: 'open' });
    expect(finding.evidence.eventIds).toEqual([eventId]);
    expect(finding.evidence.edges).toEqual([{ source: `dataset:${LAKE}:raw/cells`, target: `dataset:${SE_DW}:mobility.od` }]);
  });

  it('finds nothing for the same flow under an active covering agreement with masked identifiers', async () => {
    const covering = await agreement('active', '2026-01-01T06:00:00Z');
    const { runId, event } = sparkRun([LAKE, 'raw/cdr'], [SE_DW, 'mobility.od'], [{ from: 'msisdn', to: 'msisdn', masking: true }, { from: 'mun_cvegeo', to: 'mun_cvegeo', masking: false }], covering.id);
    await send(event);
    expect(await findingsOf(runId, 0)).toEqual([]);
  });

  it('run_under_inactive_agreement: a run before the agreement was active, and after it ended', async () => {
    const pending = await agreement('approved', null);
    // (The cell catalog is covered by no agreement, so the flow itself is also a finding.)
    const early = sparkRun([LAKE, 'raw/cells'], [SE_DW, 'mobility.od'], [], pending.id);
    await send(early.event);
    const found = await findingsOf(early.runId, 2);
    expect(found.map((finding) => finding.rule).sort()).toEqual(['cross_org_flow_without_agreement', 'run_under_inactive_agreement']);
    expect(found.find((finding) => finding.rule === 'run_under_inactive_agreement')!.summary).toMatch(/was not yet active \(it is approved\)/);

    const ended = await agreement('terminated', '2026-01-01T06:00:00Z', '2026-03-01T06:00:00Z');
    const late = sparkRun([LAKE, 'raw/cells'], [SE_DW, 'mobility.od'], [], ended.id, '2026-04-01T00:00:00Z');
    await send(late.event);
    const afterEnd = await findingsOf(late.runId, 2);
    expect(afterEnd.find((finding) => finding.rule === 'run_under_inactive_agreement')!.summary).toMatch(/had ended \(terminated\)/);
    // The same run inside the agreement's life is fine.
    const inside = sparkRun([LAKE, 'raw/cdr'], [SE_DW, 'mobility.od'], [], ended.id, '2026-02-01T00:00:00Z');
    await send(inside.event);
    expect(await findingsOf(inside.runId, 0)).toEqual([]);
  });

  it('direct_identifier_not_removed: a CURP-like identifier reaches the ministry unmasked, also through an intermediate dataset (PII propagation)', async () => {
    const covering = await agreement('active', '2026-01-01T06:00:00Z');
    // TelcoMX copies the raw table to staging (inside TelcoMX, no agreement needed), keeping msisdn in clear…
    const staging = sparkRun([LAKE, 'raw/cdr'], [LAKE, 'staging/cdr_copy'], [{ from: 'msisdn', to: 'msisdn', masking: false }, { from: 'ts', to: 'ts', masking: false }]);
    await send(staging.event);
    expect(await findingsOf(staging.runId, 0)).toEqual([]);
    // …then delivers staging to the ministry under the agreement without masking it.
    const delivery = sparkRun([LAKE, 'staging/cdr_copy'], [SE_DW, 'mobility.od'], [{ from: 'msisdn', to: 'subscriber', masking: false }, { from: 'ts', to: 'ts', masking: false }], covering.id);
    await send(delivery.event);
    const found = await findingsOf(delivery.runId, 1);
    expect(found.map((finding) => [finding.rule, finding.severity])).toEqual([['direct_identifier_not_removed', 'critical']]);
    expect(found[0].evidence.edges).toEqual([{ source: `dataset:${LAKE}:staging/cdr_copy`, sourceField: 'msisdn', target: `dataset:${SE_DW}:mobility.od`, targetField: 'subscriber', masking: false }]);

    // Where personal data flows: declared in the catalog, derived downstream.
    const staged = (await http().get('/api/v1/lineage/personal-data').query({ dataset: `${LAKE}:staging/cdr_copy` }).set(bearer(official)).expect(200)).body;
    expect(staged.fields).toEqual([{ field: 'msisdn', kind: 'direct', declared: false, origins: [{ namespace: LAKE, name: 'raw/cdr', field: 'msisdn', kind: 'direct' }] }]);
    const graph = (await http().get('/api/v1/lineage/graph').query({ node: `dataset:${LAKE}:raw/cdr`, direction: 'downstream', depth: 4 }).set(bearer(official)).expect(200)).body;
    const raw = graph.nodes.find((node: { id: string }) => node.id === `dataset:${LAKE}:raw/cdr`);
    expect(raw.personalData).toEqual({ direct: 1, quasi: 1 });
    const deliveryJob = `job:spark-telcomx:${(delivery.event.job as { name: string }).name}`;
    const intoMinistry = graph.edges.find((edge: { source: string; target: string }) => edge.source === deliveryJob && edge.target === `dataset:${SE_DW}:mobility.od`);
    expect(intoMinistry).toMatchObject({ personalData: true, agreementIds: [covering.id] });
    const columns = (await http().get('/api/v1/lineage/columns').query({ dataset: `${SE_DW}:mobility.od`, field: 'subscriber', direction: 'upstream' }).set(bearer(official)).expect(200)).body;
    expect(columns.edges.find((edge: { target: { field: string } }) => edge.target.field === 'subscriber').personalData).toBe('direct');
  });

  it('checking a run again changes nothing: no duplicates, status kept', async () => {
    const { runId, event } = sparkRun([LAKE, 'raw/cells'], [SE_DW, 'mobility.od'], []);
    await send(event);
    const [finding] = await findingsOf(runId, 1);
    await http().patch(`/api/v1/compliance/findings/${finding.id}`).set(bearer(auditor)).send({ status: 'acknowledged', comment: 'Revisando con TelcoMX' }).expect(200);
    await worker.get(ComplianceEvaluator).evaluate(runId);
    await worker.get(ComplianceEvaluator).evaluate(runId);
    const again = await findingsOf(runId, 1);
    expect(again.map((item) => [item.id, item.status])).toEqual([[finding.id, 'acknowledged']]);
  });

  it('auditors and officials triage findings with a comment, audited; others may not', async () => {
    const { runId, event } = sparkRun([LAKE, 'raw/cells'], [SE_DW, 'mobility.od'], []);
    await send(event);
    const [finding] = await findingsOf(runId, 1);
    const url = `/api/v1/compliance/findings/${finding.id}`;
    await http().patch(url).set(bearer(auditor)).send({ status: 'acknowledged', comment: 'ok' }).expect(400).expect(({ body }) => expect(body.details[0].path).toBe('body.comment'));
    await http().patch(url).set(bearer(auditor)).send({ status: 'acknowledged', comment: 'Se notificó a TelcoMX' }).expect(200);
    const resolved = (await http().patch(url).set(bearer(official)).send({ status: 'resolved', comment: 'Convenio CNV firmado y datos borrados' }).expect(200)).body;
    expect(resolved.status).toBe('resolved');
    expect(resolved.history.map((entry: { status: string; actorName: string }) => entry.status)).toEqual(['acknowledged', 'resolved']);
    const refused = await http().patch(url).set(bearer(auditor)).send({ status: 'acknowledged', comment: 'Otra vez' }).expect(409);
    expect(refused.body.message).toBe('A finding that is resolved cannot become acknowledged; it can become open');
    await http().patch(url).set(bearer(steward)).send({ status: 'open', comment: 'Reabrir' }).expect(403);
    const partner = await login(api, 'socio@telcomx.com.mx');
    await http().get('/api/v1/compliance/findings').set(bearer(partner)).expect(403);
    const [audit] = await db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'compliance.finding_status_changed' AND subject_id = $1`, [finding.id]);
    expect(audit.n).toBe(2);

    const filtered = (await http().get('/api/v1/compliance/findings').query({ status: 'resolved', severity: 'high', rule: 'cross_org_flow_without_agreement' }).set(bearer(official)).expect(200)).body;
    expect(filtered.items.map((item: { id: string }) => item.id)).toContain(finding.id);
    expect(filtered.items.every((item: { status: string }) => item.status === 'resolved')).toBe(true);
    await http().get('/api/v1/compliance/findings').query({ severity: 'extreme' }).set(bearer(official)).expect(400);
  });

  it('a burst of runs is checked in a few coalesced passes: unflaggable runs cleared in bulk, flaggable ones through the rules', async () => {
    const queue = api.get<Queue>(getQueueToken(QueueName.Compliance));
    const before = await queue.getJobCounts('completed', 'failed', 'active', 'waiting', 'delayed');
    // 60 runs inside one organization's lake (not in the catalog, or catalog input only): no rule can flag them…
    const quiet = Array.from({ length: 60 }, (_, index) => sparkRun([LAKE, index % 2 ? 'raw/cdr' : 'raw/unlisted'], [LAKE, `scratch/t${index}`], []));
    // …and one cross-organization flow in the same burst, which the rules must still see.
    const flagged = sparkRun([LAKE, 'raw/cells'], [SE_DW, 'mobility.od'], []);
    const events = [...quiet, flagged].map((run) => run.event);
    const sent = (await http().post('/api/v1/lineage/batch').set(bearer(steward)).send(events.slice(0, 30)).expect(200)).body;
    expect(sent.accepted).toBe(30);
    for (const event of events.slice(30)) await send(event);

    expect((await findingsOf(flagged.runId, 1)).map((finding) => finding.rule)).toEqual(['cross_org_flow_without_agreement']);
    for (const { runId } of quiet) expect(await findingsOf(runId, 0)).toEqual([]);
    const after = await queue.getJobCounts('completed', 'failed', 'active', 'waiting', 'delayed');
    // 32 requests (one batch, 31 single events) became a handful of checks, not one per run.
    expect(after.completed - before.completed).toBeLessThanOrEqual(6);
    expect(after.failed).toBe(before.failed);
  });

  it('a re-check finds what the catalog learned after a run was checked; officials and auditors only; audited', async () => {
    const lake = `${LAKE}-later`;
    const dw = `${SE_DW}-later`;
    const { runId, event } = sparkRun([lake, 'raw/towers'], [dw, 'mobility.towers'], []);
    await send(event);
    // Neither dataset is in the catalog yet: nothing to find.
    expect(await findingsOf(runId, 0)).toEqual([]);
    await insertDataset(telco, 'Torres (declarada después)', lake, 'raw/towers', [['tower_id', 'none']]);
    await insertDataset(se, 'Torres en la Secretaría (declarada después)', dw, 'mobility.towers', [['tower_id', 'none']]);

    await http().post('/api/v1/compliance/rechecks').set(bearer(steward)).send({}).expect(403);
    await http().post('/api/v1/compliance/rechecks').set(bearer(auditor)).send({ agreementId: 'nope' }).expect(400);
    await http().post('/api/v1/compliance/rechecks').set(bearer(auditor)).send({ agreementId: '00000000-0000-4000-8000-000000000000' }).expect(404);
    const asked = (await http().post('/api/v1/compliance/rechecks').set(bearer(auditor)).send({}).expect(202)).body;
    const [{ total }] = await db.query(`SELECT count(*)::int AS total FROM lineage_runs`);
    expect(asked).toMatchObject({ runs: total, agreementId: null });
    const [found] = await findingsOf(runId, 1);
    expect(found).toMatchObject({ rule: 'cross_org_flow_without_agreement', status: 'open' });
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'compliance.recheck_requested'`);
    expect(n).toBeGreaterThanOrEqual(1);

    // Only the runs under one agreement.
    const covering = await agreement('active', '2026-01-01T06:00:00Z');
    const under = sparkRun([LAKE, 'raw/cdr'], [SE_DW, 'mobility.od'], [], covering.id);
    await send(under.event);
    await findingsOf(under.runId, 0);
    const narrowed = (await http().post('/api/v1/compliance/rechecks').set(bearer(official)).send({ agreementId: covering.id }).expect(202)).body;
    expect(narrowed).toMatchObject({ runs: 1, agreementId: covering.id });
    // Checked again, still nothing, no duplicate of the earlier finding either.
    expect(await findingsOf(under.runId, 0)).toEqual([]);
    expect((await findingsOf(runId, 1)).map((item) => item.id)).toEqual([found.id]);
  });

  it('a steward marking a column as a direct identifier in the catalog re-checks the runs that carried it', async () => {
    const covering = await agreement('active', '2026-01-01T06:00:00Z');
    const run = sparkRun([LAKE, 'raw/cdr'], [SE_DW, 'mobility.od'], [{ from: 'imsi', to: 'imsi', masking: false }], covering.id);
    await send(run.event);
    // imsi is not in the catalog yet: nothing to find.
    expect(await findingsOf(run.runId, 0)).toEqual([]);

    const telcoSteward = await login(api, 'socio@telcomx.com.mx');
    const dataset = (await http().get(`/api/v1/datasets/${cdr}`).set(bearer(telcoSteward)).expect(200)).body;
    await http()
      .patch(`/api/v1/datasets/${cdr}`)
      .set(bearer(telcoSteward))
      .send({ columns: [...dataset.columns, { name: 'imsi', type: 'text', identifierKind: 'direct' }] })
      .expect(200);
    // No manual re-check: the edit itself sent the run back to the worker.
    const found = await findingsOf(run.runId, 1);
    expect(found.map((finding) => finding.rule)).toEqual(['direct_identifier_not_removed']);
    expect(found[0].evidence.edges).toEqual([{ source: `dataset:${LAKE}:raw/cdr`, sourceField: 'imsi', target: `dataset:${SE_DW}:mobility.od`, targetField: 'imsi', masking: false }]);
  });

  it('the demo pipeline shows its findings on a fresh start', async () => {
    const demo = ['0193a1b2-0000-7000-8000-00000000d001', '0193a1b2-0000-7000-8000-00000000d002', '0193a1b2-0000-7000-8000-00000000d003'];
    for (const runId of demo) await worker.get(ComplianceEvaluator).evaluate(runId);
    const rules = async (runId: string) => (await findingsOf(runId, 0)).map((finding) => finding.rule).sort();
    expect(await rules(demo[0])).toEqual([]);
    expect(await rules(demo[1])).toEqual(['cross_org_flow_without_agreement', 'direct_identifier_not_removed']);
    expect(await rules(demo[2])).toEqual(['run_under_inactive_agreement']);
    const pseudonymized = (await http().get('/api/v1/lineage/personal-data').query({ dataset: 's3://telcomx-datalake:crm/subscribers_pseudonymized' }).set(bearer(official)).expect(200)).body;
    expect(pseudonymized.fields.map((field: { field: string; kind: string }) => [field.field, field.kind])).toEqual([['municipio', 'quasi']]);
  });
});
