import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../../src/core/auth/password';
import { DEMO_PASSWORD } from '../../../src/seed/demo-seed';
import { bearer, login, type Persona, type Session } from '../support/personas';

/** Ids the agreement tests need from the demo seed. */
export interface AgreementWorld {
  db: DataSource;
  organizations: { se: string; inegi: string; telcomx: string; retailmx: string };
  datasets: { telcoMobility: string; telcoCoverage: string; retailSales: string; inegiCensus: string };
}

export async function loadWorld(app: INestApplication): Promise<AgreementWorld> {
  const db = app.get(DataSource);
  const org = async (name: string) => (await db.query(`SELECT id FROM organizations WHERE name = $1`, [name]))[0].id as string;
  const dataset = async (title: string) => (await db.query(`SELECT id FROM datasets WHERE title = $1`, [title]))[0].id as string;
  return {
    db,
    organizations: {
      se: await org('Secretaría de Economía'),
      inegi: await org('Instituto Nacional de Estadística y Geografía (INEGI)'),
      telcomx: await org('TelcoMX S.A. de C.V.'),
      retailmx: await org('RetailMX S.A. de C.V.'),
    },
    datasets: {
      telcoMobility: await dataset('Movilidad agregada por municipio (origen-destino)'),
      telcoCoverage: await dataset('Cobertura de red 4G y 5G por localidad'),
      retailSales: await dataset('Ventas al menudeo por municipio y categoría'),
      inegiCensus: await dataset('Censo de Población y Vivienda 2020, resultados por municipio'),
    },
  };
}

/** Terms of a TelcoMX → Secretaría de Economía agreement, valid from `startsOn`. */
export function telcoDraft(world: AgreementWorld, overrides: Record<string, unknown> = {}) {
  return {
    providerOrganizationId: world.organizations.telcomx,
    recipientOrganizationId: world.organizations.se,
    datasetIds: [world.datasets.telcoMobility],
    purpose: 'Estimar flujos de movilidad laboral entre municipios del Bajío.',
    legalBasis: 'Ley Orgánica de la Administración Pública Federal, art. 34',
    permittedUses: ['Análisis estadístico agregado'],
    prohibitedUses: ['Reidentificación de personas'],
    anonymization: { minK: 20, removeDirectIdentifiers: true, finestGeoLevel: 'municipality' },
    retentionDays: 365,
    startsOn: '2025-01-01',
    endsOn: '2030-12-31',
    ...overrides,
  };
}

/** A user who is only a partner (the demo partners are stewards too), signed in. */
export async function pureTelcoPartner(app: INestApplication, world: AgreementWorld): Promise<Session> {
  const email = `solo.socio.${Date.now().toString(36)}@telcomx.com.mx`;
  await world.db.query(`INSERT INTO users (email, full_name, organization_id, roles, password_hash) VALUES ($1, 'Sofía Partner Prueba', $2, '{partner}', $3)`, [
    email,
    world.organizations.telcomx,
    await hashPassword(DEMO_PASSWORD),
  ]);
  return login(app, email);
}

export type Sessions = Record<Persona, Session>;

/** Creates a draft as the official and returns its body. */
export async function createDraft(app: INestApplication, sessions: Sessions, world: AgreementWorld, overrides: Record<string, unknown> = {}) {
  const response = await request(app.getHttpServer()).post('/api/v1/agreements').set(bearer(sessions.official)).send(telcoDraft(world, overrides));
  if (response.status !== 201) throw new Error(`create answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as { id: string; reference: string; version: number; termsHash: string; state: string };
}

/** Puts an agreement in a state directly (what the approval workflow would do). */
export async function forceState(world: AgreementWorld, id: string, state: string): Promise<void> {
  await world.db.query(`UPDATE agreements SET state = $2 WHERE id = $1`, [id, state]);
}
