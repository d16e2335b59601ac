import { Injectable } from '@nestjs/common';
import {
  IllegalAgreementTransitionError,
  transitionAgreement,
  type AgreementEvent,
  type AgreementState,
} from '@convenio/contracts';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import { DomainException } from '../../core/errors/domain.exception';

export interface LockedAgreement {
  id: string;
  reference: string;
  state: AgreementState;
  currentVersion: number;
  providerOrganizationId: string;
  recipientOrganizationId: string;
  authorId: string | null;
  workflowDefinitionId: string | null;
}

export interface AppliedTransition {
  agreement: LockedAgreement;
  from: AgreementState;
  to: AgreementState;
}

/**
 * The one place an agreement changes state. It locks the row, asks the state machine in
 * contracts/ whether the move is legal (409 listing the allowed events if not), writes the
 * new state, its history row and the audit entry — all inside the caller's transaction.
 */
@Injectable()
export class AgreementLifecycleService {
  constructor(private readonly audit: AuditService) {}

  /** The agreement row, locked for the rest of the transaction; 404 when it does not exist. */
  async lock(manager: EntityManager, agreementId: string): Promise<LockedAgreement> {
    if (!/^[0-9a-f-]{36}$/i.test(agreementId)) throw new DomainException(404, 'AGREEMENT_NOT_FOUND', 'Agreement not found');
    const [row] = await manager.query(
      `SELECT id, reference, state, current_version AS "currentVersion", provider_organization_id AS "providerOrganizationId",
              recipient_organization_id AS "recipientOrganizationId", author_id AS "authorId", workflow_definition_id AS "workflowDefinitionId"
         FROM agreements WHERE id = $1 FOR UPDATE`,
      [agreementId],
    );
    if (!row) throw new DomainException(404, 'AGREEMENT_NOT_FOUND', 'Agreement not found');
    return row as LockedAgreement;
  }

  /** Applies `event`; `actorId` null means the workflow (worker or scheduler). */
  async apply(
    manager: EntityManager,
    agreementId: string,
    event: AgreementEvent,
    options: { actorId: string | null; comment?: string | null; locked?: LockedAgreement } = { actorId: null },
  ): Promise<AppliedTransition> {
    const agreement = options.locked ?? (await this.lock(manager, agreementId));
    const from = agreement.state;
    let to: AgreementState;
    try {
      to = transitionAgreement(from, event);
    } catch (error) {
      if (error instanceof IllegalAgreementTransitionError) {
        throw new DomainException(409, 'ILLEGAL_TRANSITION', error.message, { state: from, event, allowed: error.allowed });
      }
      throw error;
    }
    const timestamps = to === 'active' ? ', activated_at = now()' : ['expired', 'terminated', 'rejected', 'withdrawn'].includes(to) ? ', ended_at = now()' : '';
    await manager.query(`UPDATE agreements SET state = $2, updated_at = now()${timestamps} WHERE id = $1`, [agreementId, to]);
    await manager.query(
      `INSERT INTO agreement_transitions (agreement_id, from_state, to_state, event, version, actor_id, comment) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [agreementId, from, to, event, agreement.currentVersion, options.actorId, options.comment ?? null],
    );
    await this.audit.append(manager, {
      action: `agreement.${event}`,
      subjectType: 'Agreement',
      subjectId: agreementId,
      before: { state: from, version: agreement.currentVersion },
      after: { state: to, version: agreement.currentVersion, ...(options.comment ? { comment: options.comment } : {}) },
      ...(options.actorId === null ? { actor: { id: null, label: 'workflow', organizationId: null } } : {}),
    });
    return { agreement: { ...agreement, state: to }, from, to };
  }
}
