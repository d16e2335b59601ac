import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AppAbility } from '@convenio/policies';
import type { Request } from 'express';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { ROUTE_POLICY, type RoutePolicy } from './route-policy';

/**
 * Deny by default: a route runs only when it declares a policy that lets the caller in.
 * Runs after authentication; a refusal to a signed-in caller is audited.
 */
@Injectable()
export class RoutePolicyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(ROUTE_POLICY, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<Omit<Request, 'user'> & { user?: Principal | null; ability?: AppAbility }>();
    const principal = request.user ?? null;
    if (policy?.kind === 'public') return true;
    if (!policy) return this.deny(principal, request, 'no declared policy');
    if (policy.kind === 'can' && request.ability?.can(policy.action, policy.subject)) return true;
    if (!principal) throw new UnauthorizedException('Sign in (or send an API key) to use this route');
    if (policy.kind === 'authenticated') return true;
    return this.deny(principal, request, `${policy.action} ${policy.subject}`);
  }

  private async deny(principal: Principal | null, request: Pick<Request, 'method' | 'path'>, what: string): Promise<never> {
    if (principal) {
      await this.audit.record({ action: 'access.denied', subjectType: 'Route', subjectId: `${request.method} ${request.path}`, after: { needed: what } });
    }
    throw new ForbiddenException(what === 'no declared policy' ? 'This route declares no access policy and is denied by default' : `You may not ${what}`);
  }
}
