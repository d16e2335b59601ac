import { ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { AppAbility } from '@convenio/policies';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { StoredPolicyRules } from '../authz/stored-policy-rules.service';
import { currentRequestContext } from '../http/request-context';
import type { Principal } from './principal';

/**
 * Runs on every route before the policy guard. No Authorization header: the caller is the
 * public (`request.user = null`). A header that does not authenticate: 401, always.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard('bearer') {
  constructor(private readonly storedRules: StoredPolicyRules) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Omit<Request, 'user'> & { user?: Principal | null; ability?: AppAbility }>();
    if (!request.headers.authorization) {
      request.user = null;
      request.ability = await this.storedRules.publicAbility();
      return true;
    }
    await super.canActivate(context);
    request.ability = request.user!.ability;
    const store = currentRequestContext();
    if (store) store.principal = request.user ?? null;
    return true;
  }

  override handleRequest<TUser = Principal>(error: unknown, user: TUser | false): TUser {
    if (error instanceof UnauthorizedException) throw error;
    if (error || !user) throw new UnauthorizedException('Invalid or expired credentials');
    return user;
  }
}
