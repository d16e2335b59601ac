import { randomUUID } from 'node:crypto';
import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LoginRequest, TokenPair } from '@convenio/contracts';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { AuditService } from '../../core/audit/audit.service';
import { verifyPassword } from '../../core/auth/password';
import type { AccessTokenClaims, ActiveUser } from '../../core/auth/principal.service';
import { PrincipalService } from '../../core/auth/principal.service';
import { randomSecret, secretMatches, sha256Hex } from '../../core/auth/secret-token';
import { UserEntity } from '../users/user.entity';
import { LoginThrottleService } from './login-throttle.service';
import { RefreshTokenEntity } from './refresh-token.entity';

/** The one answer to a failed login, whatever failed: no account enumeration. */
export const LOGIN_FAILED = 'Invalid email or password';
const REFRESH_INVALID = 'Invalid or expired refresh token';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly principals: PrincipalService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
  ) {}

  async login({ email, password }: LoginRequest, ip: string | null): Promise<TokenPair> {
    await this.throttle.assertAllowed(email, ip);
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { email }, relations: { organization: true } });
    const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
    const principal = passwordOk && user ? await this.principals.activeUser(user.id) : null;
    if (!principal) {
      await this.throttle.recordFailure(email, ip);
      await this.audit.record({
        action: 'auth.login_failed',
        subjectType: 'User',
        subjectId: user?.id ?? null,
        after: { email, reason: !user ? 'unknown_email' : !passwordOk ? 'wrong_password' : 'inactive' },
        actor: { id: null, label: email, organizationId: user?.organizationId ?? null },
      });
      throw new UnauthorizedException(LOGIN_FAILED);
    }
    await this.throttle.recordSuccess(email);
    return this.dataSource.transaction(async (manager) => {
      await manager.update(UserEntity, { id: principal.id }, { lastLoginAt: new Date() });
      const refreshToken = await this.issueRefreshToken(manager, principal.id, randomUUID());
      await this.audit.append(manager, {
        action: 'auth.login',
        subjectType: 'User',
        subjectId: principal.id,
        actor: { id: principal.id, label: principal.email, organizationId: principal.organizationId },
      });
      return this.tokenPair(principal, refreshToken);
    });
  }

  /**
   * Rotates a refresh token. Presenting one that was already used means it leaked: the
   * whole family is revoked (and audited) and the caller must sign in again.
   */
  async refresh(presented: string): Promise<TokenPair> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const token = await this.lockToken(manager, presented);
      if (!token || token.revokedAt || token.expiresAt <= new Date()) return { kind: 'invalid' as const };
      if (token.usedAt) {
        await this.revokeFamily(manager, token.familyId);
        await this.audit.append(manager, {
          action: 'auth.refresh_reuse',
          subjectType: 'User',
          subjectId: token.userId,
          after: { familyId: token.familyId, tokenId: token.id },
          actor: { id: token.userId, label: null, organizationId: null },
        });
        return { kind: 'reused' as const };
      }
      const user = await this.principals.activeUser(token.userId);
      if (!user) return { kind: 'invalid' as const };
      await manager.update(RefreshTokenEntity, { id: token.id }, { usedAt: new Date() });
      const next = await this.issueRefreshToken(manager, user.id, token.familyId);
      return { kind: 'ok' as const, pair: this.tokenPair(user, next) };
    });
    if (outcome.kind === 'reused') throw new UnauthorizedException('This refresh token was already used; the session has been revoked, sign in again');
    if (outcome.kind === 'invalid') throw new UnauthorizedException(REFRESH_INVALID);
    return outcome.pair;
  }

  /** Ends the session the refresh token belongs to (its whole family). */
  async logout(presented: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const token = await this.lockToken(manager, presented);
      if (!token) return;
      await this.revokeFamily(manager, token.familyId);
      await this.audit.append(manager, {
        action: 'auth.logout',
        subjectType: 'User',
        subjectId: token.userId,
        actor: { id: token.userId, label: null, organizationId: null },
      });
    });
  }

  private async lockToken(manager: EntityManager, presented: string): Promise<RefreshTokenEntity | null> {
    const [id, secret] = presented.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) return null;
    const token = await manager.findOne(RefreshTokenEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    return token && secretMatches(secret, token.tokenHash) ? token : null;
  }

  private async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager.update(RefreshTokenEntity, { familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private async issueRefreshToken(manager: EntityManager, userId: string, familyId: string): Promise<string> {
    const secret = randomSecret();
    const expiresAt = new Date(Date.now() + this.config.env.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    const saved = await manager.save(manager.create(RefreshTokenEntity, { userId, familyId, tokenHash: sha256Hex(secret), expiresAt, usedAt: null, revokedAt: null }));
    return `${saved.id}.${secret}`;
  }

  private tokenPair(user: ActiveUser, refreshToken: string): TokenPair {
    const claims: AccessTokenClaims = { sub: user.id, typ: 'access' };
    return {
      accessToken: this.jwt.sign(claims),
      refreshToken,
      expiresIn: this.config.env.ACCESS_TOKEN_TTL_SECONDS,
      user: {
        id: user.id,
        email: user.email,
        fullName: user.fullName,
        roles: user.roles,
        organization: { id: user.organizationId, name: user.organization.name, sector: user.organization.sector },
      },
    };
  }
}
