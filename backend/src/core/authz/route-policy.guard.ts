import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ROUTE_POLICY, type RoutePolicy } from './route-policy';

/** Deny by default: a route runs only when it declares a policy that lets the caller in. */
@Injectable()
export class RoutePolicyGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(ROUTE_POLICY, [context.getHandler(), context.getClass()]);
    if (policy?.kind === 'public') return true;
    throw new ForbiddenException('This route declares no access policy and is denied by default');
  }
}
