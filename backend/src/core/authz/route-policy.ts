import { SetMetadata } from '@nestjs/common';
import type { Action, SubjectType } from '@convenio/policies';

export const ROUTE_POLICY = 'convenio:route-policy';

/**
 * What a route declares about who may call it. Routes without a declaration are denied.
 * `can` checks the subject type only; services check each record after loading it.
 */
export type RoutePolicy = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'can'; action: Action; subject: SubjectType };

/** Anyone may call this route, signed in or not (health, login, public catalog). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(ROUTE_POLICY, { kind: 'public' } satisfies RoutePolicy);

/** Any signed-in user or API key. */
export const Authenticated = (): MethodDecorator & ClassDecorator => SetMetadata(ROUTE_POLICY, { kind: 'authenticated' } satisfies RoutePolicy);

/** Callers whose ability (from policies/) allows `action` on some `subject`. */
export const Can = (action: Action, subject: SubjectType): MethodDecorator & ClassDecorator =>
  SetMetadata(ROUTE_POLICY, { kind: 'can', action, subject } satisfies RoutePolicy);
