import type { QueryRunner } from 'typeorm';

/** Synthetic demo organizations (no real data). Identity and catalog seeds extend this. */
export const DEMO_ORGANIZATIONS = [
  { name: 'Secretaría de Economía', sector: 'public', stateCode: '09' },
  { name: 'Instituto Nacional de Estadística y Geografía (INEGI)', sector: 'public', stateCode: '01' },
  { name: 'TelcoMX S.A. de C.V.', sector: 'private', stateCode: '19' },
  { name: 'RetailMX S.A. de C.V.', sector: 'private', stateCode: '14' },
  { name: 'Secretaría de la Función Pública', sector: 'public', stateCode: '09' },
  { name: 'Observatorio Ciudadano de Datos A.C.', sector: 'social', stateCode: '21' },
  { name: 'Universidad Tecnológica del Bajío', sector: 'academic', stateCode: '11' },
] as const;

/**
 * Seeds demo data into an empty database, in one transaction. Returns false (and changes
 * nothing) when the database already holds organizations.
 */
export async function seedDemoData(queryRunner: QueryRunner): Promise<boolean> {
  const [{ count }] = await queryRunner.query(`SELECT count(*)::int AS count FROM organizations`);
  if (count > 0) return false;
  await queryRunner.startTransaction();
  try {
    for (const org of DEMO_ORGANIZATIONS) {
      await queryRunner.query(`INSERT INTO organizations (name, sector, state_code) VALUES ($1, $2, $3)`, [
        org.name,
        org.sector,
        org.stateCode,
      ]);
    }
    await queryRunner.commitTransaction();
    return true;
  } catch (error) {
    await queryRunner.rollbackTransaction();
    throw error;
  }
}
