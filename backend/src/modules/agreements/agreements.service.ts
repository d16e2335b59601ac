import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  agreementTermsSchema,
  allowedAgreementEvents,
  isAgreementEditable,
  type Agreement,
  type AgreementDiff,
  type AgreementEvent,
  type AgreementListQuery,
  type AgreementTerms,
  type AgreementTransitionRecord,
  type AgreementVersion,
  type CreateAgreementRequest,
  type Page,
  type UpdateAgreementRequest,
} from '@convenio/contracts';
import { abilityToSql, type AppAbility } from '@convenio/policies';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { Principal } from '../../core/auth/principal';
import { DomainException } from '../../core/errors/domain.exception';
import { DATASET_SQL_FIELDS } from '../datasets/datasets.repository';
import { cancelPendingTasks } from '../approvals/approval-task-cancellation';
import { assertAllowed, assertReadable, canOnAgreement } from './agreement-access';
import { AgreementLifecycleService } from './agreement-lifecycle.service';
import { signingSideOf } from './agreement-signatories';
import { diffTerms, pickTerms, termsHash } from './agreement-terms';
import { AgreementsRepository } from './agreements.repository';

/**
 * Drafting agreements: creation, edits as new immutable versions, reads with the events the
 * caller may cause, version history and diffs, withdrawal and termination.
 */
@Injectable()
export class AgreementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: AgreementsRepository,
    private readonly lifecycle: AgreementLifecycleService,
    private readonly audit: AuditService,
  ) {}

  async create(body: CreateAgreementRequest, principal: Principal, ability: AppAbility): Promise<Agreement> {
    const terms = pickTerms(body) as AgreementTerms;
    const id = await this.dataSource.transaction(async (manager) => {
      const organizations: Array<{ id: string }> = await manager.query(`SELECT id FROM organizations WHERE id = ANY($1::uuid[])`, [
        [body.providerOrganizationId, body.recipientOrganizationId],
      ]);
      for (const [role, organizationId] of [['provider', body.providerOrganizationId], ['recipient', body.recipientOrganizationId]] as const) {
        if (!organizations.some((row) => row.id === organizationId)) {
          throw new DomainException(422, 'ORGANIZATION_NOT_FOUND', `The ${role} organization ${organizationId} does not exist`, { field: `${role}OrganizationId`, organizationId });
        }
      }
      if (principal.organizationId !== body.recipientOrganizationId) {
        throw new DomainException(422, 'NOT_RECIPIENT', 'Your organization must be the recipient of the agreement it drafts', { field: 'recipientOrganizationId' });
      }
      if (body.diagnosticId) {
        const [diagnostic] = await manager.query(`SELECT id FROM diagnostics WHERE id = $1`, [body.diagnosticId]);
        if (!diagnostic) throw new DomainException(422, 'DIAGNOSTIC_NOT_FOUND', `Diagnostic ${body.diagnosticId} does not exist`, { field: 'diagnosticId' });
      }
      await this.checkDatasets(manager, terms.datasetIds, body.providerOrganizationId, ability);

      const hash = termsHash(terms);
      const [{ reference }] = await manager.query(
        `SELECT 'CONV-' || to_char(now() AT TIME ZONE 'America/Mexico_City', 'YYYY') || '-' || lpad(nextval('agreement_reference_seq')::text, 6, '0') AS reference`,
      );
      const [{ id: agreementId }] = await manager.query(
        `INSERT INTO agreements (reference, diagnostic_id, provider_organization_id, recipient_organization_id, state, current_version, author_id)
         VALUES ($1, $2, $3, $4, 'draft', 1, $5) RETURNING id`,
        [reference, body.diagnosticId ?? null, body.providerOrganizationId, body.recipientOrganizationId, principal.userId],
      );
      await manager.query(
        `INSERT INTO agreement_versions (agreement_id, version, terms, terms_hash, author_id, change_summary) VALUES ($1, 1, $2::jsonb, $3, $4, $5)`,
        [agreementId, JSON.stringify(terms), hash, principal.userId, 'Versión inicial'],
      );
      await this.replaceDatasets(manager, agreementId, terms.datasetIds);
      await manager.query(
        `INSERT INTO agreement_transitions (agreement_id, from_state, to_state, event, version, actor_id) VALUES ($1, NULL, 'draft', 'create', 1, $2)`,
        [agreementId, principal.userId],
      );
      await this.audit.append(manager, {
        action: 'agreement.create',
        subjectType: 'Agreement',
        subjectId: agreementId,
        after: { reference, state: 'draft', version: 1, termsHash: hash, providerOrganizationId: body.providerOrganizationId, recipientOrganizationId: body.recipientOrganizationId },
      });
      return agreementId as string;
    });
    return this.get(id, principal, ability);
  }

  /** A new version with the merged terms; the same version when nothing changed. */
  async update(id: string, body: UpdateAgreementRequest, principal: Principal, ability: AppAbility): Promise<Agreement> {
    await this.dataSource.transaction(async (manager) => {
      const locked = await this.lifecycle.lock(manager, id);
      assertAllowed(ability, 'update', locked);
      if (!isAgreementEditable(locked.state)) {
        const allowed = allowedAgreementEvents(locked.state);
        throw new DomainException(409, 'TERMS_FROZEN', `terms are frozen while the agreement is ${locked.state}`, { state: locked.state, allowed });
      }
      const current = (await this.repository.version(id, locked.currentVersion, manager))!;
      const parsed = agreementTermsSchema.safeParse({ ...current.terms, ...pickTerms(body) });
      if (!parsed.success) {
        const details = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message, code: issue.code }));
        throw new DomainException(422, 'INVALID_TERMS', 'The merged terms are not valid', details);
      }
      const terms = parsed.data;
      if (terms.endsOn <= terms.startsOn) throw new DomainException(422, 'INVALID_TERMS', 'endsOn must be after startsOn', [{ path: 'endsOn', message: 'endsOn must be after startsOn' }]);
      const hash = termsHash(terms);
      if (hash === current.termsHash) return;
      if (diffTerms(current.terms.datasetIds, terms.datasetIds).length > 0 || terms.datasetIds.length !== current.terms.datasetIds.length) {
        await this.checkDatasets(manager, terms.datasetIds, locked.providerOrganizationId, ability);
      }
      const version = locked.currentVersion + 1;
      await manager.query(
        `INSERT INTO agreement_versions (agreement_id, version, terms, terms_hash, author_id, change_summary) VALUES ($1, $2, $3::jsonb, $4, $5, $6)`,
        [id, version, JSON.stringify(terms), hash, principal.userId, body.changeSummary ?? null],
      );
      await manager.query(`UPDATE agreements SET current_version = $2, updated_at = now() WHERE id = $1`, [id, version]);
      await this.replaceDatasets(manager, id, terms.datasetIds);
      await this.audit.append(manager, {
        action: 'agreement.update',
        subjectType: 'Agreement',
        subjectId: id,
        before: { version: locked.currentVersion, termsHash: current.termsHash },
        after: { version, termsHash: hash, changed: diffTerms(pickTerms(current.terms), terms).map((change) => change.path), changeSummary: body.changeSummary ?? null },
      });
    });
    return this.get(id, principal, ability);
  }

  /** The agreement with the events the caller could cause now; 404 when the caller may not read it. */
  async get(id: string, principal: Principal, ability: AppAbility): Promise<Agreement> {
    const agreement = await this.readable(id, ability);
    return { ...agreement, allowedEvents: this.allowedEvents(agreement, principal, ability) };
  }

  /** The agreement for a caller who may read it (404 otherwise), without `allowedEvents`. */
  async readable(id: string, ability: AppAbility): Promise<Agreement> {
    const agreement = await this.repository.find(id);
    assertReadable(ability, agreement);
    return agreement as Agreement;
  }

  list(query: AgreementListQuery, ability: AppAbility): Promise<Page<Agreement>> {
    return this.repository.list(query, ability);
  }

  async versions(id: string, ability: AppAbility): Promise<AgreementVersion[]> {
    await this.readable(id, ability);
    return this.repository.versions(id);
  }

  async version(id: string, version: number, ability: AppAbility): Promise<AgreementVersion> {
    await this.readable(id, ability);
    const row = Number.isSafeInteger(version) && version > 0 ? await this.repository.version(id, version) : null;
    if (!row) throw new DomainException(404, 'AGREEMENT_VERSION_NOT_FOUND', `Version ${version} of this agreement does not exist`, { version });
    return row;
  }

  async diff(id: string, from: number, to: number, ability: AppAbility): Promise<AgreementDiff> {
    const [before, after] = [await this.version(id, from, ability), await this.version(id, to, ability)];
    return { agreementId: id, from, to, changes: diffTerms(pickTerms(before.terms), pickTerms(after.terms)) };
  }

  async history(id: string, ability: AppAbility): Promise<AgreementTransitionRecord[]> {
    await this.readable(id, ability);
    return this.repository.history(id);
  }

  /** Withdraw (any state before active) or terminate (active), with the reason; pending review tasks end with a withdrawal. */
  async end(id: string, event: 'withdraw' | 'terminate', comment: string, principal: Principal, ability: AppAbility): Promise<Agreement> {
    await this.dataSource.transaction(async (manager) => {
      const locked = await this.lifecycle.lock(manager, id);
      assertAllowed(ability, event, locked);
      await this.lifecycle.apply(manager, id, event, { actorId: principal.userId, comment, locked });
      if (event === 'withdraw') await cancelPendingTasks(manager, this.audit, id);
    });
    return this.get(id, principal, ability);
  }

  /** Person events allowed in the state that the caller's rules permit on this agreement (sign: only if the caller's side has not signed). */
  allowedEvents(agreement: Agreement, principal: Principal, ability: AppAbility): AgreementEvent[] {
    return allowedAgreementEvents(agreement.state, 'person').filter((event) => {
      if (!canOnAgreement(ability, event as 'submit' | 'withdraw' | 'sign' | 'terminate', agreement)) return false;
      if (event !== 'sign') return true;
      const side = signingSideOf(principal, agreement);
      return side !== null && !agreement.signatures.some((signature) => signature.side === side && signature.version === agreement.version);
    });
  }

  /** Every dataset must exist, be readable by the caller and belong to the provider (422 naming the first that does not). */
  private async checkDatasets(manager: EntityManager, datasetIds: string[], providerOrganizationId: string, ability: AppAbility): Promise<void> {
    const repeated = datasetIds.find((id, index) => datasetIds.indexOf(id) !== index);
    if (repeated) throw new DomainException(422, 'DATASET_REPEATED', `Dataset ${repeated} is listed twice`, { field: 'datasetIds', datasetId: repeated });
    const policy = abilityToSql(ability, 'read', 'Dataset', DATASET_SQL_FIELDS, { paramPrefix: 'policy' });
    const [sql, values] = this.dataSource.driver.escapeQueryWithParameters(
      `SELECT d.id, d.owner_organization_id AS "ownerOrganizationId", (${policy.sql}) AS readable FROM datasets d WHERE d.id = ANY(CAST(:ids AS uuid[]))`,
      { ...policy.params, ids: datasetIds },
    );
    const rows: Array<{ id: string; ownerOrganizationId: string; readable: boolean }> = await manager.query(sql, values);
    for (const datasetId of datasetIds) {
      const row = rows.find((candidate) => candidate.id === datasetId);
      if (!row || !row.readable) throw new DomainException(422, 'DATASET_NOT_FOUND', `Dataset ${datasetId} does not exist or is not visible to you`, { field: 'datasetIds', datasetId });
      if (row.ownerOrganizationId !== providerOrganizationId) {
        throw new DomainException(422, 'DATASET_NOT_OF_PROVIDER', `Dataset ${datasetId} does not belong to the provider organization`, { field: 'datasetIds', datasetId });
      }
    }
  }

  private async replaceDatasets(manager: EntityManager, agreementId: string, datasetIds: string[]): Promise<void> {
    await manager.query(`DELETE FROM agreement_datasets WHERE agreement_id = $1`, [agreementId]);
    await manager.query(`INSERT INTO agreement_datasets (agreement_id, dataset_id) SELECT $1, unnest($2::uuid[])`, [agreementId, datasetIds]);
  }
}
