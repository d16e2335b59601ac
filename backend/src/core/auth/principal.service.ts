import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { API_KEY_PREFIX } from '@convenio/contracts';
import { createMongoAbility } from '@casl/ability';
import { defineRulesFor, defineRulesForApiKey, type AppAbility, type AppRule, type PolicyUser } from '@convenio/policies';
import type { StoredPolicyRule } from '@convenio/contracts';
import { DataSource, type EntitySubscriberInterface } from 'typeorm';
import { ApiKeyEntity } from '../../modules/api-keys/api-key.entity';
import { OrganizationEntity } from '../../modules/organizations/organization.entity';
import { UserEntity } from '../../modules/users/user.entity';
import { StoredPolicyRules } from '../authz/stored-policy-rules.service';
import type { Principal } from './principal';
import { secretMatches, sha256Hex } from './secret-token';
import { CredentialInvalidator, VerifiedCredentials } from './verified-credentials';

export interface AccessTokenClaims {
  sub: string;
  typ: 'access';
}

const INVALID_TOKEN = 'Invalid or expired access token';

/** A verified API key: its row and creator as read, and the principal built from them with `policies`. */
interface VerifiedKey {
  key: ApiKeyEntity;
  creator: ActiveUser;
  policies: StoredPolicyRule[];
  principal: Principal;
}

/** Turns a bearer credential (access token or API key) into the caller and its ability. */
@Injectable()
export class PrincipalService {
  /**
   * API keys verified in the last minute (machine clients such as OpenLineage send one on every
   * request). A key revoked, or its creator or organization changed, through this process is
   * forgotten at once; through another replica, within the minute.
   */
  private readonly verifiedKeys = new VerifiedCredentials<VerifiedKey>();

  constructor(
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storedRules: StoredPolicyRules,
  ) {
    (this.dataSource.subscribers as EntitySubscriberInterface[]).push(new CredentialInvalidator(this.verifiedKeys, [ApiKeyEntity, UserEntity, OrganizationEntity]));
  }

  async fromBearer(token: string): Promise<Principal> {
    return token.startsWith(API_KEY_PREFIX) ? this.fromApiKey(token) : this.fromAccessToken(token);
  }

  async fromAccessToken(token: string): Promise<Principal> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw new UnauthorizedException(INVALID_TOKEN);
    }
    if (claims.typ !== 'access') throw new UnauthorizedException(INVALID_TOKEN);
    const user = await this.activeUser(claims.sub);
    if (!user) throw new UnauthorizedException(INVALID_TOKEN);
    return this.forUser(user);
  }

  /** The principal of a signed-in user: role rules plus the dataset access policies. */
  async forUser(user: ActiveUser): Promise<Principal> {
    return build(user, defineRulesFor(policyUser(user), await this.storedRules.current()), null);
  }

  /**
   * A key looks like `cvk_<prefix>_<secret>`; the prefix finds it, the secret proves it. A
   * successful verification is kept for a minute (see `verifiedKeys`); `last_used_at` is written
   * when the database is asked, so it is exact to that minute.
   */
  async fromApiKey(token: string): Promise<Principal> {
    const digest = sha256Hex(token);
    const policies = await this.storedRules.current();
    const known = this.verifiedKeys.get(digest);
    if (known) {
      if (known.policies === policies) return known.principal;
      const principal = build(known.creator, defineRulesForApiKey(policyUser(known.creator), known.key.permissions, policies), known.key.id);
      Object.assign(known, { policies, principal });
      return principal;
    }
    const ticket = this.verifiedKeys.ticket();
    const [, prefix, secret] = /^cvk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{20,})$/.exec(token) ?? [];
    const invalid = new UnauthorizedException('Invalid, expired or revoked API key');
    if (!prefix) throw invalid;
    const key = await this.dataSource.getRepository(ApiKeyEntity).findOne({ where: { prefix } });
    if (!key || !secretMatches(secret, key.keyHash) || key.revokedAt || (key.expiresAt && key.expiresAt <= new Date())) throw invalid;
    const creator = await this.activeUser(key.createdById);
    if (!creator || creator.organizationId !== key.organizationId) throw invalid;
    // Plain SQL: a write through the repository would be taken for a change of the key and clear the cache.
    await this.dataSource.query(`UPDATE api_keys SET last_used_at = now() WHERE id = $1`, [key.id]);
    const principal = build(creator, defineRulesForApiKey(policyUser(creator), key.permissions, policies), key.id);
    this.verifiedKeys.set(digest, { key, creator, policies, principal }, ticket, key.expiresAt?.getTime());
    return principal;
  }

  /** The user with its organization, when both are active. */
  async activeUser(id: string): Promise<ActiveUser | null> {
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { id }, relations: { organization: true } });
    if (!user || !user.active || !user.organization?.active) return null;
    return user as ActiveUser;
  }
}

/** A user loaded with its organization, both active. */
export type ActiveUser = UserEntity & { organization: NonNullable<UserEntity['organization']> };

export function policyUser(user: UserEntity): PolicyUser {
  return { id: user.id, organizationId: user.organizationId, organizationSector: user.organization?.sector, roles: user.roles };
}

function build(user: ActiveUser, rules: AppRule[], apiKeyId: string | null): Principal {
  return {
    via: apiKeyId ? 'apiKey' : 'session',
    userId: user.id,
    email: user.email,
    fullName: user.fullName,
    organizationId: user.organizationId,
    organizationName: user.organization.name,
    organizationSector: user.organization.sector,
    roles: user.roles,
    apiKeyId,
    rules,
    ability: createMongoAbility(rules) as AppAbility,
  };
}
