import { syntheticCompanyRfc, type OrganizationSector, type Role } from '@convenio/contracts';
import type { QueryRunner } from 'typeorm';
import { hashPassword } from '../core/auth/password';
import { seedDemoAgreements } from './demo-agreements';
import { DEMO_DATASETS } from './demo-catalog';
import { seedDemoLineage } from './demo-lineage';
import { seedDemoDiagnostics } from './demo-diagnostics';
import { seedDemoWorkflow } from './demo-workflow';

/** The demo password of every demo account (README). */
export const DEMO_PASSWORD = 'convenio-demo';

interface DemoOrganization {
  key: string;
  name: string;
  sector: OrganizationSector;
  stateCode: string;
  /** Invented RFC parts: 3 letters, incorporation date YYMMDD, 2-character homoclave. */
  rfc: [string, string, string] | null;
  contact: { name: string; email: string; phone: string };
}

/** Synthetic demo organizations: invented RFCs with correct structure, no real data. */
export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  { key: 'se', name: 'Secretaría de Economía', sector: 'public', stateCode: '09', rfc: ['SEC', '820101', 'AB'], contact: { name: 'Unidad de Datos', email: 'datos@economia.gob.mx', phone: '55 5729 9100' } },
  { key: 'inegi', name: 'Instituto Nacional de Estadística y Geografía (INEGI)', sector: 'public', stateCode: '01', rfc: ['INE', '830125', 'GE'], contact: { name: 'Servicio Público de Información', email: 'atencion@inegi.org.mx', phone: '449 910 5300' } },
  { key: 'telcomx', name: 'TelcoMX S.A. de C.V.', sector: 'private', stateCode: '19', rfc: ['TMX', '980312', 'T4'], contact: { name: 'Oficina de Datos', email: 'datos@telcomx.com.mx', phone: '81 8000 1000' } },
  { key: 'retailmx', name: 'RetailMX S.A. de C.V.', sector: 'private', stateCode: '14', rfc: ['RMX', '050720', 'R8'], contact: { name: 'Gobierno de Datos', email: 'datos@retailmx.com.mx', phone: '33 3000 2000' } },
  { key: 'sfp', name: 'Secretaría de la Función Pública', sector: 'public', stateCode: '09', rfc: ['SFP', '821229', 'F1'], contact: { name: 'Auditoría de Datos', email: 'auditoria@funcionpublica.gob.mx', phone: '55 2000 3000' } },
  { key: 'ocd', name: 'Observatorio Ciudadano de Datos A.C.', sector: 'social', stateCode: '21', rfc: ['OCD', '150310', 'C2'], contact: { name: 'Coordinación', email: 'contacto@observatorio.org.mx', phone: '222 400 5000' } },
  { key: 'utb', name: 'Universidad Tecnológica del Bajío', sector: 'academic', stateCode: '11', rfc: ['UTB', '010815', 'U3'], contact: { name: 'Laboratorio de Datos', email: 'datos@utbajio.edu.mx', phone: '477 600 7000' } },
];

/** The demo accounts (README), all with the password DEMO_PASSWORD. */
export const DEMO_USERS: Array<{ email: string; fullName: string; roles: Role[]; organization: string }> = [
  { email: 'admin@convenio.test', fullName: 'Administración Convenio', roles: ['admin'], organization: 'se' },
  { email: 'oficial@economia.gob.mx', fullName: 'Laura Méndez Ortiz', roles: ['official'], organization: 'se' },
  { email: 'directora@economia.gob.mx', fullName: 'Patricia Rangel Soto', roles: ['official'], organization: 'se' },
  { email: 'juridico@economia.gob.mx', fullName: 'Andrés Olvera Camacho', roles: ['official'], organization: 'se' },
  { email: 'steward@inegi.org.mx', fullName: 'Jorge Acosta Villa', roles: ['steward'], organization: 'inegi' },
  { email: 'socio@telcomx.com.mx', fullName: 'Mariana Treviño Garza', roles: ['partner', 'steward'], organization: 'telcomx' },
  { email: 'socio@retailmx.com.mx', fullName: 'Ricardo Íñiguez Luna', roles: ['partner', 'steward'], organization: 'retailmx' },
  { email: 'auditor@funcionpublica.gob.mx', fullName: 'Elena Cárdenas Ruiz', roles: ['auditor'], organization: 'sfp' },
];

/**
 * Seeds demo data into an empty database, in one transaction. Returns false (and changes
 * nothing) when the database already holds organizations.
 */
export async function seedDemoData(queryRunner: QueryRunner): Promise<boolean> {
  const [{ count }] = await queryRunner.query(`SELECT count(*)::int AS count FROM organizations`);
  if (count > 0) return false;
  const hashes = await Promise.all(DEMO_USERS.map(() => hashPassword(DEMO_PASSWORD)));
  await queryRunner.startTransaction();
  try {
    const ids = new Map<string, string>();
    for (const org of DEMO_ORGANIZATIONS) {
      const rfc = org.rfc ? syntheticCompanyRfc(...org.rfc) : null;
      const [{ id }] = await queryRunner.query(
        `INSERT INTO organizations (name, sector, rfc, state_code, contact_name, contact_email, contact_phone) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [org.name, org.sector, rfc, org.stateCode, org.contact.name, org.contact.email, org.contact.phone],
      );
      ids.set(org.key, id);
    }
    const stewards = new Map<string, string>();
    for (const [index, user] of DEMO_USERS.entries()) {
      const [{ id }] = await queryRunner.query(`INSERT INTO users (email, full_name, organization_id, roles, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
        user.email,
        user.fullName,
        ids.get(user.organization),
        user.roles,
        hashes[index],
      ]);
      if (user.roles.includes('steward') && !stewards.has(user.organization)) stewards.set(user.organization, id);
    }
    for (const dataset of DEMO_DATASETS) {
      await queryRunner.query(
        `INSERT INTO datasets (owner_organization_id, steward_id, title, title_en, description, themes, keywords, sensitivity, geo_level, geo_codes,
           sector_level, sector_codes, periodicity, time_from, time_to, columns, quality_notes, lineage_namespace, lineage_name, status, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, CASE WHEN $20 = 'draft' THEN NULL ELSE now() END)`,
        [
          ids.get(dataset.owner), stewards.get(dataset.owner) ?? null, dataset.title, dataset.titleEn ?? null, dataset.description, dataset.themes,
          dataset.keywords, dataset.sensitivity, dataset.geoLevel, dataset.geoCodes, dataset.sectorLevel ?? null, dataset.sectorCodes ?? [],
          dataset.periodicity, dataset.timeFrom, dataset.timeTo ?? null, JSON.stringify(dataset.columns), dataset.qualityNotes ?? null,
          dataset.lineage?.[0] ?? null, dataset.lineage?.[1] ?? null, dataset.status,
        ],
      );
    }
    await seedDemoDiagnostics(queryRunner);
    await seedDemoWorkflow(queryRunner);
    await seedDemoAgreements(queryRunner);
    await seedDemoLineage(queryRunner);
    await queryRunner.commitTransaction();
    return true;
  } catch (error) {
    await queryRunner.rollbackTransaction();
    throw error;
  }
}
