import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IllegalAgreementTransitionError, allowedAgreementEvents, mexicoCityDate, nextAgreementState } from '@convenio/contracts';
import type { AppAbility } from '@convenio/policies';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { Principal } from '../../core/auth/principal';
import { Clock } from '../../core/clock/clock';
import { DomainException } from '../../core/errors/domain.exception';
import { NotificationsService } from '../notifications/notifications.service';
import { assertReadable, canOnAgreement } from './agreement-access';
import { AgreementLifecycleService, type LockedAgreement } from './agreement-lifecycle.service';
import { SIGNER_ROLES, signingSideOf, type SigningSide } from './agreement-signatories';
import { termsHash } from './agreement-terms';
import { AgreementsRepository } from './agreements.repository';

const OTHER_SIDE: Record<SigningSide, SigningSide> = { provider: 'recipient', recipient: 'provider' };
const linkTo = (agreementId: string) => `/convenios/${agreementId}`;

/**
 * Signatures of the approved version: one per side (a partner or steward of the provider, an
 * official of the recipient), each bound to the SHA-256 of the version's canonical terms. The
 * second signature activates the agreement when its start date has come (Mexico City calendar);
 * otherwise `activateDue` does it on the start date.
 */
@Injectable()
export class AgreementSigningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: AgreementsRepository,
    private readonly lifecycle: AgreementLifecycleService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Signs the current version for the caller's side; returns the side signed. */
  async sign(agreementId: string, principal: Principal, ability: AppAbility): Promise<SigningSide> {
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.lifecycle.lock(manager, agreementId);
      assertReadable(ability, locked);
      if (nextAgreementState(locked.state, 'sign') === null) {
        const allowed = allowedAgreementEvents(locked.state);
        throw new DomainException(409, 'ILLEGAL_TRANSITION', new IllegalAgreementTransitionError(locked.state, 'sign', allowed).message, { state: locked.state, event: 'sign', allowed });
      }
      const side = signingSideOf(principal, locked);
      if (side === null || !canOnAgreement(ability, 'sign', locked)) {
        throw new DomainException(422, 'NOT_A_SIGNATORY', 'Only a partner or steward of the provider, or an official of the recipient, signs this agreement');
      }
      const version = (await this.repository.version(agreementId, locked.currentVersion, manager))!;
      if (termsHash(version.terms) !== version.termsHash) {
        throw new DomainException(409, 'TERMS_HASH_MISMATCH', `The stored terms of version ${version.version} do not match their hash; nothing was signed`);
      }
      const signed: Array<{ side: SigningSide }> = await manager.query(`SELECT side FROM agreement_signatures WHERE agreement_id = $1 AND version = $2`, [agreementId, version.version]);
      if (signed.some((row) => row.side === side)) {
        throw new DomainException(409, 'ALREADY_SIGNED', `The ${side} side has already signed version ${version.version}`, { side, version: version.version });
      }
      const [signature] = await manager.query(
        `INSERT INTO agreement_signatures (agreement_id, version, side, signer_id, organization_id, terms_hash) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, signed_at`,
        [agreementId, version.version, side, principal.userId, principal.organizationId, version.termsHash],
      );
      await this.audit.append(manager, {
        action: 'agreement.signature',
        subjectType: 'Agreement',
        subjectId: agreementId,
        after: { signatureId: signature.id, side, version: version.version, termsHash: version.termsHash, organizationId: principal.organizationId },
      });
      const applied = await this.lifecycle.apply(manager, agreementId, 'sign', { actorId: principal.userId, locked });

      if (signed.length === 0) {
        const other = OTHER_SIDE[side];
        const organizationId = other === 'provider' ? locked.providerOrganizationId : locked.recipientOrganizationId;
        await this.notifications.notify(manager, {
          userIds: await this.usersWithRole(manager, organizationId, SIGNER_ROLES[other]),
          kind: 'signature_requested',
          params: { reference: locked.reference },
          link: linkTo(agreementId),
          dedupeKey: `signature_requested:${agreementId}:${version.version}`,
        });
      } else if (version.terms.startsOn <= mexicoCityDate(this.clock.now())) {
        await this.activate(manager, applied.agreement);
      }
      return side;
    });
  }

  /**
   * For the daily job: activates, in the caller's transaction, every agreement signed by both
   * sides whose start date (`today`, a Mexico City date) has come. Returns their ids.
   */
  async activateDue(manager: EntityManager, today: string): Promise<string[]> {
    const due: Array<{ id: string }> = await manager.query(
      `SELECT a.id FROM agreements a JOIN agreement_versions v ON v.agreement_id = a.id AND v.version = a.current_version
        WHERE a.state = 'awaiting_signatures' AND v.terms->>'startsOn' <= $1
          AND (SELECT count(DISTINCT s.side) FROM agreement_signatures s WHERE s.agreement_id = a.id AND s.version = a.current_version) = 2
        ORDER BY a.id`,
      [today],
    );
    const activated: string[] = [];
    for (const { id } of due) {
      const locked = await this.lifecycle.lock(manager, id);
      if (locked.state !== 'awaiting_signatures') continue;
      await this.activate(manager, locked);
      activated.push(id);
    }
    return activated;
  }

  /** awaiting_signatures → active (by the workflow), telling the author and both sides' signers. */
  private async activate(manager: EntityManager, locked: LockedAgreement): Promise<void> {
    await this.lifecycle.apply(manager, locked.id, 'activate', { actorId: null, comment: 'Firmado por ambas partes; inicia su vigencia', locked });
    const people = [
      ...(locked.authorId ? [locked.authorId] : []),
      ...(await this.usersWithRole(manager, locked.providerOrganizationId, SIGNER_ROLES.provider)),
      ...(await this.usersWithRole(manager, locked.recipientOrganizationId, SIGNER_ROLES.recipient)),
    ];
    await this.notifications.notify(manager, {
      userIds: people,
      kind: 'agreement_active',
      params: { reference: locked.reference },
      link: linkTo(locked.id),
      dedupeKey: `activate:${locked.id}`,
    });
  }

  private async usersWithRole(manager: EntityManager, organizationId: string, roles: readonly string[]): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(`SELECT id FROM users WHERE active AND organization_id = $1 AND roles && $2::text[] ORDER BY email`, [
      organizationId,
      roles,
    ]);
    return rows.map((row) => row.id);
  }
}
