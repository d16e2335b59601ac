import type { DiagnosticNeedInput } from '@convenio/contracts';
import type { QueryRunner } from 'typeorm';

export const DEMO_DIAGNOSTIC_TITLE = '¿Dónde invertir en conectividad para el comercio minorista?';

/** Bajío states (INEGI keys) the demo diagnostic asks about: Guanajuato, Jalisco, Querétaro, San Luis Potosí. */
const BAJIO_STATES = ['11', '14', '22', '24'];

/**
 * The demo diagnostic's needs: the first is already assigned to TelcoMX's coverage dataset; the second has
 * candidates (retail sales, DENUE…); the third (electricity use of shops) has none in the catalog and is the
 * one to turn into a data request.
 */
const NEEDS: Array<DiagnosticNeedInput & { assignTo?: string }> = [
  {
    topic: 'Cobertura de datos móviles en las localidades con comercio minorista',
    theme: 'telecommunications', geoLevel: 'municipality', geoCodes: [], periodFrom: '2023-01-01', personalData: false,
    assignTo: 'Cobertura de red 4G y 5G por localidad',
  },
  {
    topic: 'Ventas al por menor en los estados del Bajío',
    theme: 'trade', geoLevel: 'state', geoCodes: BAJIO_STATES, sectorLevel: 3, sectorCodes: ['461'], periodFrom: '2022-01-01', periodTo: '2024-12-31', personalData: false,
  },
  {
    topic: 'Consumo de electricidad de los establecimientos comerciales',
    theme: 'energy', geoLevel: 'municipality', geoCodes: [], periodFrom: '2022-01-01', personalData: false,
  },
];

/** One open demo diagnostic by oficial@economia.gob.mx. Runs inside the demo seed's transaction, after the catalog. */
export async function seedDemoDiagnostics(queryRunner: QueryRunner): Promise<void> {
  const [official] = await queryRunner.query(`SELECT id, organization_id FROM users WHERE email = 'oficial@economia.gob.mx'`);
  if (!official) return;
  const [{ id }] = await queryRunner.query(`INSERT INTO diagnostics (title, policy_question, organization_id, created_by_id) VALUES ($1, $2, $3, $4) RETURNING id`, [
    DEMO_DIAGNOSTIC_TITLE,
    'Queremos priorizar la inversión pública en conectividad móvil en los municipios del Bajío donde el comercio minorista crece pero la cobertura 4G/5G es baja.',
    official.organization_id,
    official.id,
  ]);
  for (const [position, need] of NEEDS.entries()) {
    const [dataset] = need.assignTo ? await queryRunner.query(`SELECT id, owner_organization_id FROM datasets WHERE title = $1`, [need.assignTo]) : [];
    await queryRunner.query(
      `INSERT INTO diagnostic_needs (diagnostic_id, position, topic, theme, geo_level, geo_codes, sector_level, sector_codes, period_from, period_to, personal_data,
         assigned_dataset_id, assigned_organization_id, assigned_by_id, assigned_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, CASE WHEN $12::uuid IS NULL THEN NULL ELSE now() END)`,
      [
        id, position, need.topic, need.theme, need.geoLevel, need.geoCodes ?? [], need.sectorLevel ?? null, need.sectorCodes ?? [], need.periodFrom ?? null,
        need.periodTo ?? null, need.personalData, dataset?.id ?? null, dataset?.owner_organization_id ?? null, dataset ? official.id : null,
      ],
    );
  }
}
