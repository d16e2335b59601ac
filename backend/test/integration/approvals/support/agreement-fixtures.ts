import { createHash } from 'node:crypto';
import type { AgreementState } from '@convenio/contracts';
import type { DataSource } from 'typeorm';

/**
 * Test-only: agreements written straight into PostgreSQL (the agreements API is another
 * module's); version 1 authored by oficial@economia.gob.mx unless told otherwise.
 */
export interface FixtureAgreement {
  id: string;
  reference: string;
}

export async function userId(db: DataSource, email: string): Promise<string> {
  const [row] = await db.query(`SELECT id FROM users WHERE email = $1`, [email]);
  if (!row) throw new Error(`No user ${email}`);
  return row.id;
}

export async function organizationId(db: DataSource, nameStartsWith: string): Promise<string> {
  const [row] = await db.query(`SELECT id FROM organizations WHERE name LIKE $1 || '%' ORDER BY name LIMIT 1`, [nameStartsWith]);
  if (!row) throw new Error(`No organization ${nameStartsWith}`);
  return row.id;
}

export async function insertAgreement(
  db: DataSource,
  options: { provider?: string; recipient?: string; state?: AgreementState; authorEmail?: string; startsOn?: string; endsOn?: string } = {},
): Promise<FixtureAgreement> {
  const provider = await organizationId(db, options.provider ?? 'Instituto Nacional de Estadística');
  const recipient = await organizationId(db, options.recipient ?? 'Secretaría de Economía');
  const author = await userId(db, options.authorEmail ?? 'oficial@economia.gob.mx');
  const [dataset] = await db.query(`SELECT id FROM datasets WHERE owner_organization_id = $1 ORDER BY title LIMIT 1`, [provider]);
  const terms = {
    datasetIds: dataset ? [dataset.id] : [],
    purpose: 'Medir el empleo formal por municipio para la política de desarrollo regional.',
    legalBasis: 'Ley del Sistema Nacional de Información Estadística y Geográfica, art. 47',
    permittedUses: ['Estadística agregada'],
    prohibitedUses: ['Reidentificación de personas'],
    anonymization: { minK: 5, removeDirectIdentifiers: true, finestGeoLevel: 'municipality' },
    retentionDays: 365,
    startsOn: options.startsOn ?? '2026-12-01',
    endsOn: options.endsOn ?? '2027-11-30',
  };
  const [agreement] = await db.query(
    `INSERT INTO agreements (reference, provider_organization_id, recipient_organization_id, state, current_version, author_id)
     VALUES ('CNV-TEST-' || lpad(nextval('agreement_reference_seq')::text, 6, '0'), $1, $2, $3, 1, $4) RETURNING id, reference`,
    [provider, recipient, options.state ?? 'draft', author],
  );
  await db.query(`INSERT INTO agreement_versions (agreement_id, version, terms, terms_hash, author_id) VALUES ($1, 1, $2::jsonb, $3, $4)`, [
    agreement.id,
    JSON.stringify(terms),
    createHash('sha256').update(JSON.stringify(terms)).digest('hex'),
    author,
  ]);
  if (dataset) await db.query(`INSERT INTO agreement_datasets (agreement_id, dataset_id) VALUES ($1, $2)`, [agreement.id, dataset.id]);
  return agreement;
}

/** Both sides' signatures on version 1 (for activation tests). */
export async function signBothSides(db: DataSource, agreementId: string): Promise<void> {
  const [agreement] = await db.query(`SELECT provider_organization_id AS p, recipient_organization_id AS r FROM agreements WHERE id = $1`, [agreementId]);
  const [{ terms_hash: hash }] = await db.query(`SELECT terms_hash FROM agreement_versions WHERE agreement_id = $1 AND version = 1`, [agreementId]);
  for (const [side, org] of [['provider', agreement.p], ['recipient', agreement.r]] as const) {
    const [signer] = await db.query(`SELECT id FROM users WHERE organization_id = $1 ORDER BY email LIMIT 1`, [org]);
    await db.query(`INSERT INTO agreement_signatures (agreement_id, version, side, signer_id, organization_id, terms_hash) VALUES ($1, 1, $2, $3, $4, $5)`, [agreementId, side, signer.id, org, hash]);
  }
}

export async function agreementState(db: DataSource, agreementId: string): Promise<AgreementState> {
  const [row] = await db.query(`SELECT state FROM agreements WHERE id = $1`, [agreementId]);
  return row.state;
}

export interface TaskRow {
  id: string;
  stepKey: string;
  stepIndex: number;
  round: number;
  status: string;
  assigneeIds: string[];
  dueAt: Date;
  remindAt: Date | null;
}

export async function tasksOf(db: DataSource, agreementId: string): Promise<TaskRow[]> {
  return db.query(
    `SELECT id, step_key AS "stepKey", step_index AS "stepIndex", round, status, assignee_ids AS "assigneeIds", due_at AS "dueAt", remind_at AS "remindAt"
       FROM approval_tasks WHERE agreement_id = $1 ORDER BY round, step_index`,
    [agreementId],
  );
}

/** Polls `probe` until it returns something truthy (the worker is asynchronous by design). */
export async function eventually<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The pending task of an agreement once the worker has created it for `stepKey`. */
export function pendingTask(db: DataSource, agreementId: string, stepKey: string, round = 1): Promise<TaskRow> {
  return eventually(async () => (await tasksOf(db, agreementId)).find((task) => task.status === 'pending' && task.stepKey === stepKey && task.round === round), `pending task ${stepKey}`);
}
