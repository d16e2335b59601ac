import { mexicoCityDate, type AgreementEvent, type AgreementState, type AgreementTerms } from '@convenio/contracts';
import type { QueryRunner } from 'typeorm';
import { termsHash } from '../modules/agreements/agreement-terms';
import { DEFAULT_WORKFLOW_KEY } from '../modules/approvals/workflow-definitions.service';

const DAY = 86_400_000;

/** One step of a demo agreement's life, `daysAgo` before the seed runs. */
interface DemoStep {
  daysAgo: number;
  event: AgreementEvent | 'create' | 'edit' | 'comment' | 'sign';
  by: string | null;
  comment?: string;
  /** `comment`: who may see it. An `edit` makes the final terms the next version. */
  visibility?: 'parties' | 'internal';
}

interface DemoAgreement {
  provider: string;
  recipient: string;
  author: string;
  datasets: string[];
  terms: Omit<AgreementTerms, 'datasetIds' | 'startsOn' | 'endsOn'>;
  /** What version 1 said differently, when an `edit` step changed it. */
  firstVersion?: Partial<AgreementTerms>;
  /** Validity relative to the seed day (negative: in the past). */
  startsInDays: number;
  endsInDays: number;
  steps: DemoStep[];
}

const SE = 'Secretaría de Economía';
const INEGI = 'Instituto Nacional de Estadística y Geografía (INEGI)';
const TELCOMX = 'TelcoMX S.A. de C.V.';
const RETAILMX = 'RetailMX S.A. de C.V.';

/**
 * Four agreements between demo organizations: one active (signed by both sides), one expired,
 * one draft and one in review (its first approval task is made by the worker, see below).
 */
const DEMO_AGREEMENTS: DemoAgreement[] = [
  {
    provider: TELCOMX,
    recipient: SE,
    author: 'oficial@economia.gob.mx',
    datasets: ['Movilidad agregada por municipio (origen-destino)', 'Cobertura de red 4G y 5G por localidad'],
    terms: {
      purpose: 'Estimar los flujos de movilidad laboral entre municipios del Bajío para orientar la política de corredores industriales y de conectividad.',
      legalBasis: 'Ley Orgánica de la Administración Pública Federal, art. 34; Ley Federal de Protección de Datos Personales en Posesión de los Particulares, arts. 10 y 37.',
      permittedUses: ['Análisis estadístico agregado por municipio', 'Publicación de indicadores de movilidad sin microdatos'],
      prohibitedUses: ['Reidentificación de personas o dispositivos', 'Transferencia a terceros sin autorización escrita', 'Fines comerciales'],
      anonymization: { minK: 50, removeDirectIdentifiers: true, finestGeoLevel: 'municipality' },
      retentionDays: 730,
    },
    firstVersion: { retentionDays: 365, anonymization: { minK: 20, removeDirectIdentifiers: true, finestGeoLevel: 'municipality' } },
    startsInDays: -45,
    endsInDays: 320,
    steps: [
      { daysAgo: 80, event: 'create', by: 'oficial@economia.gob.mx' },
      { daysAgo: 79, event: 'submit', by: 'oficial@economia.gob.mx' },
      { daysAgo: 75, event: 'request_changes', by: null, comment: 'Precisar el nivel geográfico mínimo y ampliar el plazo de conservación.' },
      { daysAgo: 74, event: 'comment', by: 'socio@telcomx.com.mx', visibility: 'parties', comment: 'Proponemos agregación municipal con al menos 50 dispositivos por celda.' },
      { daysAgo: 73, event: 'edit', by: 'oficial@economia.gob.mx', comment: 'Conservación de dos años y k mínimo de 50.' },
      { daysAgo: 73, event: 'submit', by: 'oficial@economia.gob.mx' },
      { daysAgo: 70, event: 'comment', by: 'directora@economia.gob.mx', visibility: 'internal', comment: 'Revisión jurídica sin observaciones; procede la aprobación.' },
      { daysAgo: 66, event: 'approve', by: null },
      { daysAgo: 60, event: 'sign', by: 'socio@telcomx.com.mx' },
      { daysAgo: 58, event: 'sign', by: 'directora@economia.gob.mx' },
      { daysAgo: 45, event: 'activate', by: null, comment: 'Firmado por ambas partes; inicia su vigencia' },
    ],
  },
  {
    provider: INEGI,
    recipient: SE,
    author: 'directora@economia.gob.mx',
    datasets: ['Encuesta Nacional de Ocupación y Empleo (ENOE), microdatos trimestrales'],
    terms: {
      purpose: 'Medir la informalidad laboral de las mujeres por entidad federativa para el diagnóstico del programa de apoyo a MIPYMES.',
      legalBasis: 'Ley del Sistema Nacional de Información Estadística y Geográfica, arts. 37 y 47.',
      permittedUses: ['Cálculo de tasas de informalidad por entidad y sexo'],
      prohibitedUses: ['Reidentificación de hogares o personas', 'Cruce con padrones de beneficiarios a nivel individual'],
      anonymization: { minK: 10, removeDirectIdentifiers: true, finestGeoLevel: 'state' },
      retentionDays: 365,
    },
    startsInDays: -500,
    endsInDays: -135,
    steps: [
      { daysAgo: 540, event: 'create', by: 'directora@economia.gob.mx' },
      { daysAgo: 539, event: 'submit', by: 'directora@economia.gob.mx' },
      { daysAgo: 530, event: 'approve', by: null },
      { daysAgo: 520, event: 'sign', by: 'steward@inegi.org.mx' },
      { daysAgo: 518, event: 'sign', by: 'oficial@economia.gob.mx' },
      { daysAgo: 500, event: 'activate', by: null, comment: 'Firmado por ambas partes; inicia su vigencia' },
      { daysAgo: 134, event: 'expire', by: null },
    ],
  },
  {
    provider: INEGI,
    recipient: SE,
    author: 'oficial@economia.gob.mx',
    datasets: ['Censos Económicos 2019, producción bruta por subsector', 'Directorio Estadístico Nacional de Unidades Económicas (DENUE)'],
    terms: {
      purpose: 'Identificar la concentración de unidades económicas manufactureras por subsector para priorizar proveedores locales en cadenas de exportación.',
      legalBasis: 'Ley del Sistema Nacional de Información Estadística y Geográfica, art. 47; Ley de Fomento a la Competitividad.',
      permittedUses: ['Análisis de cadenas de valor por subsector y entidad', 'Mapas de concentración de unidades económicas'],
      prohibitedUses: ['Publicación de datos de establecimientos individuales'],
      anonymization: { minK: 5, removeDirectIdentifiers: true, finestGeoLevel: 'state' },
      retentionDays: 540,
    },
    startsInDays: 30,
    endsInDays: 395,
    steps: [{ daysAgo: 3, event: 'create', by: 'oficial@economia.gob.mx' }],
  },
  {
    provider: RETAILMX,
    recipient: SE,
    author: 'oficial@economia.gob.mx',
    datasets: ['Ventas al menudeo por municipio y categoría', 'Precios de la canasta básica por ciudad'],
    terms: {
      purpose: 'Construir un indicador mensual de consumo regional para anticipar cambios en la demanda de los hogares y orientar apoyos al comercio local.',
      legalBasis: 'Ley Orgánica de la Administración Pública Federal, art. 34; Ley Federal de Protección de Datos Personales en Posesión de los Particulares, art. 10.',
      permittedUses: ['Indicadores agregados de consumo por municipio y categoría', 'Comparación de precios entre ciudades'],
      prohibitedUses: ['Identificación de tiendas o clientes individuales', 'Fines comerciales'],
      anonymization: { minK: 10, removeDirectIdentifiers: true, finestGeoLevel: 'municipality' },
      retentionDays: 365,
    },
    startsInDays: 15,
    endsInDays: 380,
    steps: [
      { daysAgo: 2, event: 'create', by: 'oficial@economia.gob.mx' },
      { daysAgo: 1, event: 'comment', by: 'oficial@economia.gob.mx', visibility: 'parties', comment: 'Enviamos a revisión; los precios se usarían sólo agregados por ciudad.' },
      { daysAgo: 1, event: 'submit', by: 'oficial@economia.gob.mx' },
    ],
  },
];

const STATE_AFTER: Partial<Record<DemoStep['event'], AgreementState>> = {
  create: 'draft', submit: 'in_review', request_changes: 'changes_requested', approve: 'approved', sign: 'awaiting_signatures', activate: 'active', expire: 'expired',
};

/**
 * Seeds the demo agreements in the caller's transaction, with their versions (terms hashed as
 * the API does), signatures, comments and full state history, so the register and the
 * history pages have something to show. Organizations, users and datasets are found by name.
 */
export async function seedDemoAgreements(queryRunner: QueryRunner, now = new Date()): Promise<void> {
  const lookup = async (sql: string, key: string): Promise<string> => {
    const [row] = await queryRunner.query(sql, [key]);
    if (!row) throw new Error(`demo agreements: ${key} is not in the seed`);
    return row.id;
  };
  const organization = (name: string) => lookup(`SELECT id FROM organizations WHERE name = $1`, name);
  const user = (email: string | null) => (email ? lookup(`SELECT id FROM users WHERE email = $1`, email) : Promise.resolve(null));
  const dataset = (title: string) => lookup(`SELECT id FROM datasets WHERE title = $1`, title);
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
  const dateIn = (days: number) => mexicoCityDate(new Date(now.getTime() + days * DAY));

  for (const demo of DEMO_AGREEMENTS) {
    const [providerId, recipientId, authorId] = [await organization(demo.provider), await organization(demo.recipient), await user(demo.author)];
    const finalTerms: AgreementTerms = {
      ...demo.terms,
      datasetIds: await Promise.all(demo.datasets.map(dataset)),
      startsOn: dateIn(demo.startsInDays),
      endsOn: dateIn(demo.endsInDays),
    };
    const created = at(demo.steps[0].daysAgo);
    const [{ reference }] = await queryRunner.query(
      `SELECT 'CONV-' || to_char($1::timestamptz AT TIME ZONE 'America/Mexico_City', 'YYYY') || '-' || lpad(nextval('agreement_reference_seq')::text, 6, '0') AS reference`,
      [created],
    );
    const [{ id }] = await queryRunner.query(
      `INSERT INTO agreements (reference, provider_organization_id, recipient_organization_id, state, current_version, author_id, created_at, updated_at)
       VALUES ($1, $2, $3, 'draft', 1, $4, $5, $5) RETURNING id`,
      [reference, providerId, recipientId, authorId, created],
    );
    let terms: AgreementTerms = { ...finalTerms, ...demo.firstVersion };
    let version = 1;
    let state: AgreementState = 'draft';
    const insertVersion = async (author: string | null, summary: string, when: Date) =>
      queryRunner.query(`INSERT INTO agreement_versions (agreement_id, version, terms, terms_hash, author_id, change_summary, created_at) VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7)`, [
        id, version, JSON.stringify(terms), termsHash(terms), author, summary, when,
      ]);
    await insertVersion(authorId, 'Versión inicial', created);

    for (const step of demo.steps) {
      const when = at(step.daysAgo);
      const actorId = await user(step.by);
      if (step.event === 'edit') {
        version += 1;
        terms = finalTerms;
        await insertVersion(actorId, step.comment ?? 'Cambios solicitados', when);
        continue;
      }
      if (step.event === 'comment') {
        await queryRunner.query(`INSERT INTO agreement_comments (agreement_id, version, author_id, visibility, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
          id, version, actorId, step.visibility, step.comment, when,
        ]);
        continue;
      }
      if (step.event === 'sign') {
        const [signer] = await queryRunner.query(`SELECT organization_id AS "organizationId" FROM users WHERE id = $1`, [actorId]);
        const side = signer.organizationId === providerId ? 'provider' : 'recipient';
        await queryRunner.query(
          `INSERT INTO agreement_signatures (agreement_id, version, side, signer_id, organization_id, terms_hash, signed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [id, version, side, actorId, signer.organizationId, termsHash(terms), when],
        );
      }
      const from = step.event === 'create' ? null : state;
      state = STATE_AFTER[step.event]!;
      await queryRunner.query(
        `INSERT INTO agreement_transitions (agreement_id, from_state, to_state, event, version, actor_id, comment, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, from, state, step.event, version, actorId, step.comment ?? null, when],
      );
      await queryRunner.query(
        `UPDATE agreements SET state = $2, current_version = $3, updated_at = $4,
           activated_at = CASE WHEN $2 = 'active' THEN $4 ELSE activated_at END, ended_at = CASE WHEN $2 = 'expired' THEN $4 ELSE ended_at END
         WHERE id = $1`,
        [id, state, version, when],
      );
    }
    await queryRunner.query(`INSERT INTO agreement_datasets (agreement_id, dataset_id) SELECT $1, unnest($2::uuid[])`, [id, terms.datasetIds]);
    if (state === 'in_review') await submitToWorkflow(queryRunner, id, version);
  }
}

/**
 * An agreement seeded in review enters the default workflow as a submission does: its
 * definition is recorded and an `agreement.submitted` outbox row is written; the worker's
 * relay publishes it and the workflow engine creates the first task (with its timers).
 */
async function submitToWorkflow(queryRunner: QueryRunner, agreementId: string, version: number): Promise<void> {
  const [definition] = await queryRunner.query(`SELECT id FROM workflow_definitions WHERE key = $1 AND active ORDER BY version DESC LIMIT 1`, [DEFAULT_WORKFLOW_KEY]);
  if (!definition) throw new Error('demo agreements: the default workflow is not in the seed');
  await queryRunner.query(`UPDATE agreements SET workflow_definition_id = $2 WHERE id = $1`, [agreementId, definition.id]);
  await queryRunner.query(`INSERT INTO outbox (topic, payload) VALUES ('agreement.submitted', $1::jsonb)`, [JSON.stringify({ agreementId, version, round: 1 })]);
}
