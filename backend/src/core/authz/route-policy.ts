import { SetMetadata } from '@nestjs/common';

export const ROUTE_POLICY = 'convenio:route-policy';

/** What a route declares about who may call it. Routes without a declaration are denied. */
export type RoutePolicy = { kind: 'public' };

/** Anyone may call this route, signed in or not (health, public catalog, public register). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(ROUTE_POLICY, { kind: 'public' } satisfies RoutePolicy);
