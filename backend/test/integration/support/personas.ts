import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DEMO_PASSWORD } from '../../../src/seed/demo-seed';

/** The demo seed's accounts, by the persona they play. */
export const PERSONAS = {
  admin: 'admin@convenio.test',
  official: 'oficial@economia.gob.mx',
  steward: 'steward@inegi.org.mx',
  partner: 'socio@telcomx.com.mx',
  retailPartner: 'socio@retailmx.com.mx',
  auditor: 'auditor@funcionpublica.gob.mx',
} as const;
export type Persona = keyof typeof PERSONAS;

export interface Session {
  accessToken: string;
  refreshToken: string;
  userId: string;
  organizationId: string;
}

export async function login(app: INestApplication, email: string, password = DEMO_PASSWORD): Promise<Session> {
  const response = await request(app.getHttpServer()).post('/api/v1/auth/login').send({ email, password });
  if (response.status !== 200) throw new Error(`login of ${email} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return {
    accessToken: response.body.accessToken,
    refreshToken: response.body.refreshToken,
    userId: response.body.user.id,
    organizationId: response.body.user.organization.id,
  };
}

/** Signs every persona in once. */
export async function loginAll(app: INestApplication): Promise<Record<Persona, Session>> {
  const entries = await Promise.all(Object.entries(PERSONAS).map(async ([persona, email]) => [persona, await login(app, email)] as const));
  return Object.fromEntries(entries) as Record<Persona, Session>;
}

export const bearer = (session: Session) => ({ Authorization: `Bearer ${session.accessToken}` });
