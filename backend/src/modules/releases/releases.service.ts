import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { subject } from '@casl/ability';
import type { CreateReleaseRequest, Release, ReleaseCheck, ReleaseCheckRequest } from '@convenio/contracts';
import type { AppAbility } from '@convenio/policies';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { Principal } from '../../core/auth/principal';
import { DomainException } from '../../core/errors/domain.exception';
import { assertReadable } from '../agreements/agreement-access';
import { AgreementsRepository } from '../agreements/agreements.repository';
import { AnonymizationJobsRepository } from '../anonymization/anonymization-jobs.repository';
import { LineageIngestService } from '../lineage/lineage-ingest.service';
import { RELEASES_NAMESPACE, releaseLineageEvent } from './release-lineage';
import { failedReleaseTerms } from './release-terms';
import { ReleasesRepository } from './releases.repository';

const slug = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'entrega';

/**
 * Releases: deliveries of anonymized data under an agreement. A release is accepted only when
 * the agreement is active and the job's risk report meets the agreement's anonymization terms;
 * an accepted release writes its lineage (source → anonymization run under the agreement →
 * released dataset, masking edges) and an audit entry in the same transaction.
 */
@Injectable()
export class ReleasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly releases: ReleasesRepository,
    private readonly agreements: AgreementsRepository,
    private readonly jobs: AnonymizationJobsRepository,
    private readonly lineage: LineageIngestService,
    private readonly audit: AuditService,
  ) {}

  /**
   * The terms check of a release before making it: the same gates as `create` (a steward of the
   * provider, the provider's job and dataset, else 403/404) and every failed term, including a
   * job already released under this agreement. Writes nothing.
   */
  async check(agreementId: string, input: ReleaseCheckRequest, principal: Principal): Promise<ReleaseCheck> {
    const { agreement, failures, alreadyReleased } = await this.candidate(this.dataSource.manager, agreementId, input, principal.ability);
    if (alreadyReleased) failures.push({ path: 'body.anonymizationJobId', message: `already released under ${agreement.reference}` });
    return { ok: failures.length === 0, failures: failures.map(({ path, message }) => ({ path, message })) };
  }

  async create(agreementId: string, input: CreateReleaseRequest, principal: Principal): Promise<Release> {
    const release = await this.dataSource.transaction(async (manager) => {
      await this.releases.lockAgreement(manager, agreementId);
      const { agreement, job, dataset, failures, alreadyReleased } = await this.candidate(manager, agreementId, input, principal.ability);
      if (failures.length > 0) {
        throw new DomainException(422, 'RELEASE_TERMS_NOT_MET', `The release does not meet the agreement ${agreement.reference}: ${failures.map((failure) => failure.message).join('; ')}`, failures);
      }
      if (alreadyReleased) throw new DomainException(409, 'RELEASE_EXISTS', `Job ${job.id} was already released under ${agreement.reference}`, [{ path: 'body.anonymizationJobId', message: 'already released under this agreement' }]);

      const id = randomUUID();
      const runId = randomUUID();
      const source = { namespace: dataset.lineageNamespace ?? 'convenio.catalog', name: dataset.lineageName ?? dataset.id };
      const released = { namespace: RELEASES_NAMESPACE, name: `${agreement.reference}/${slug(input.name)}-${id.slice(0, 8)}` };
      const report = job.report!;
      await this.releases.insert(manager, {
        id, agreementId, agreementVersion: agreement.version, name: input.name, sourceDatasetId: dataset.id, anonymizationJobId: job.id,
        lineageNamespace: released.namespace, lineageName: released.name, lineageRunId: runId, kAchieved: report.kAchieved!, records: report.records.output, createdById: principal.userId,
      });
      const eventId = await this.lineage.recordWithin(manager, releaseLineageEvent({ runId, eventTime: new Date().toISOString(), agreementId, anonymizationJobId: job.id, source, released, policy: job.policy, report }), principal.userId);
      await this.audit.append(manager, {
        action: 'release.created',
        subjectType: 'Agreement',
        subjectId: agreementId,
        after: { releaseId: id, name: input.name, agreementVersion: agreement.version, sourceDatasetId: dataset.id, anonymizationJobId: job.id, kAchieved: report.kAchieved, minK: agreement.anonymization.minK, records: report.records.output, lineageEventId: eventId },
      });
      return this.releases.find(id, manager);
    });
    await this.lineage.requestComplianceCheck();
    return release;
  }

  /** The agreement, job and dataset of a release (403/404 as `create` answers them), the terms it fails, and whether the job was already released under the agreement. */
  private async candidate(manager: EntityManager, agreementId: string, input: ReleaseCheckRequest, ability: AppAbility) {
    const agreement = await this.agreements.find(agreementId, manager);
    assertReadable(ability, agreement);
    const parties = { agreementId, providerOrganizationId: agreement.providerOrganizationId, recipientOrganizationId: agreement.recipientOrganizationId };
    if (!ability.can('create', subject('Release', parties))) {
      throw new DomainException(422, 'RELEASE_NOT_PERMITTED', 'Only a steward of the providing organization may deliver data under this agreement', [{ path: 'agreement', message: 'you are not a steward of the provider' }]);
    }
    const job = await this.jobs.find(input.anonymizationJobId, manager);
    if (!job || job.organizationId !== agreement.providerOrganizationId || !ability.can('read', subject('AnonymizationJob', { id: job.id, organizationId: job.organizationId, createdById: job.createdById }))) {
      throw new DomainException(404, 'ANONYMIZATION_JOB_NOT_FOUND', `Anonymization job ${input.anonymizationJobId} not found among the provider's jobs`, [{ path: 'body.anonymizationJobId', message: 'not found' }]);
    }
    const dataset = await this.releases.dataset(manager, input.sourceDatasetId);
    if (!dataset || dataset.ownerOrganizationId !== agreement.providerOrganizationId) {
      throw new DomainException(404, 'DATASET_NOT_FOUND', `Dataset ${input.sourceDatasetId} not found among the provider's datasets`, [{ path: 'body.sourceDatasetId', message: 'not found' }]);
    }
    const failures = failedReleaseTerms({ agreement: { state: agreement.state, terms: agreement }, sourceDatasetId: dataset.id, datasetColumns: dataset.columns, job });
    const taken = await manager.query(`SELECT 1 FROM releases WHERE agreement_id = $1 AND anonymization_job_id = $2`, [agreementId, job.id]);
    return { agreement, job, dataset, failures, alreadyReleased: taken.length > 0 };
  }

  async list(agreementId: string, ability: AppAbility): Promise<Release[]> {
    const agreement = await this.agreements.find(agreementId);
    assertReadable(ability, agreement);
    if (!ability.can('read', subject('Release', { agreementId, providerOrganizationId: agreement.providerOrganizationId, recipientOrganizationId: agreement.recipientOrganizationId }))) return [];
    return this.releases.listOf(agreementId);
  }
}
