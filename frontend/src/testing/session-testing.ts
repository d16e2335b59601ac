import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { packRules } from '@casl/ability/extra';
import type { MeResponse, Role, SessionUser, TokenPair } from '@convenio/contracts';
import { defineRulesFor } from '@convenio/policies';
import { LOGIN_URL, ME_URL } from '../app/core/session/session.api';
import { SessionService } from '../app/core/session/session.service';

export const ORGANIZATION_ID = '00000000-0000-4000-8000-0000000000aa';

export function sessionUser(roles: Role[], overrides: Partial<SessionUser> = {}): SessionUser {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'persona@example.mx',
    fullName: 'Persona de Prueba',
    roles,
    organization: { id: ORGANIZATION_ID, name: 'Organización de Prueba', sector: 'public' },
    ...overrides,
  };
}

export function tokenPair(user: SessionUser, n = 1, expiresIn = 900): TokenPair {
  return { accessToken: `access-${n}`, refreshToken: `refresh-${n}`, expiresIn, user };
}

/** What GET /auth/me answers for this user: its rules from policies/, packed like the API packs them. */
export function meResponse(user: SessionUser): MeResponse {
  const rules = defineRulesFor({ id: user.id, organizationId: user.organization.id, roles: user.roles });
  return { user, rules: packRules(rules) as unknown[][], via: 'session' };
}

/** Signs in through SessionService, answering the login and /me requests like the API. */
export async function signInAs(roles: Role[], overrides: Partial<SessionUser> = {}): Promise<SessionUser> {
  const backend = TestBed.inject(HttpTestingController);
  const user = sessionUser(roles, overrides);
  const signedIn = TestBed.inject(SessionService).login(user.email, 'secret');
  backend.expectOne(LOGIN_URL).flush(tokenPair(user));
  await flushMicrotasks();
  backend.expectOne(ME_URL).flush(meResponse(user));
  await signedIn;
  return user;
}

export async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
