import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AnswerDataRequestRequest, CreateDataRequestRequest, DataRequest, DataRequestListQuery, Page } from '@convenio/contracts';
import { subject } from '@casl/ability';
import type { AppAbility } from '@convenio/policies';
import { DataSource } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { Principal } from '../../core/auth/principal';
import { isUniqueViolation } from '../../core/database/sql-helpers';
import { DomainException } from '../../core/errors/domain.exception';
import { NotificationsService } from '../notifications/notifications.service';
import { rowToDataRequest, type DataRequestRow } from './diagnostic.mapper';
import { DiagnosticsRepository } from './diagnostics.repository';
import { DiagnosticsService } from './diagnostics.service';

const asSubject = (row: DataRequestRow) =>
  subject('DataRequest', { id: row.id, addressedOrganizationId: row.addressed_organization_id, requesterOrganizationId: row.requester_organization_id, status: row.status });

const notFound = (id: string) => new DomainException(404, 'DATA_REQUEST_NOT_FOUND', `Data request ${id} not found`);

/** A need nobody in the catalog serves becomes a request to a chosen organization, whose stewards answer it. */
@Injectable()
export class DataRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: DiagnosticsRepository,
    private readonly diagnostics: DiagnosticsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  /** Officials of the diagnostic's organization ask; one open request per need and organization (else 409). */
  async create(diagnosticId: string, needId: string, input: CreateDataRequestRequest, principal: Principal): Promise<DataRequest> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const diagnostic = await this.diagnostics.lockEditable(manager, diagnosticId, principal);
        const need = diagnostic.needs.find((entry) => entry.id === needId);
        if (!need) throw new DomainException(404, 'NEED_NOT_FOUND', `Need ${needId} not found in diagnostic ${diagnosticId}`);
        const organization = await this.repository.activeOrganization(manager, input.organizationId);
        if (!organization) throw new DomainException(422, 'ORGANIZATION_INVALID', 'The addressed organization must be an active organization', [{ path: 'body.organizationId', message: 'not an active organization' }]);
        if (await this.repository.openRequestExists(manager, needId, organization.id)) throw this.duplicate(organization.name);
        const id = await this.repository.insertDataRequest(manager, {
          diagnosticId, needId, requesterOrganizationId: diagnostic.organizationId, addressedOrganizationId: organization.id, message: input.message, createdById: principal.userId,
        });
        const request = rowToDataRequest((await this.repository.findDataRequest(id, manager))!);
        await this.notifications.notify(manager, {
          userIds: await this.repository.activeStewardIds(manager, organization.id),
          kind: 'data_request_received',
          params: { topic: need.topic, requester: request.requesterOrganizationName, diagnostic: diagnostic.title },
          link: '/solicitudes-de-datos',
          dedupeKey: `data_request_received:${id}`,
        });
        await this.audit.append(manager, { action: 'data_request.created', subjectType: 'DataRequest', subjectId: id, after: { diagnosticId, needId, addressedOrganizationId: organization.id } });
        return request;
      });
    } catch (error) {
      // Two requests racing past the check meet the partial unique index (migration 1765022400000).
      if (isUniqueViolation(error)) throw this.duplicate('this organization');
      throw error;
    }
  }

  async list(query: DataRequestListQuery, ability: AppAbility): Promise<Page<DataRequest>> {
    const { rows, total } = await this.repository.listDataRequests(query, ability);
    return { items: rows.map(rowToDataRequest), total, page: query.page, pageSize: query.pageSize };
  }

  /** Stewards of the addressed organization answer (optionally offering one of their datasets) or decline; once. */
  async answer(id: string, input: AnswerDataRequestRequest, principal: Principal): Promise<DataRequest> {
    return this.dataSource.transaction(async (manager) => {
      await this.repository.lockDataRequest(manager, id);
      const row = await this.repository.findDataRequest(id, manager);
      if (!row || !principal.ability.can('read', asSubject(row)) || !principal.ability.can('answer', asSubject(row))) throw notFound(id);
      if (row.status !== 'open') throw new DomainException(409, 'DATA_REQUEST_CLOSED', `Data request ${id} was already ${row.status}`);
      if (input.datasetId) {
        const dataset = await this.repository.findDatasetForAssignment(input.datasetId, manager);
        if (!dataset || dataset.owner_organization_id !== principal.organizationId) {
          throw new DomainException(422, 'DATASET_NOT_OWNED', 'The dataset offered must belong to your organization', [{ path: 'body.datasetId', message: 'not a dataset of your organization' }]);
        }
      }
      await this.repository.answerDataRequest(manager, id, { status: input.status, response: input.response, datasetId: input.datasetId ?? null, userId: principal.userId });
      const answered = rowToDataRequest((await this.repository.findDataRequest(id, manager))!);
      if (row.created_by_id) {
        await this.notifications.notify(manager, {
          userIds: [row.created_by_id],
          kind: 'data_request_answered',
          params: { topic: answered.needTopic, organization: answered.addressedOrganizationName, status: answered.status },
          link: `/diagnosticos/${answered.diagnosticId}`,
          dedupeKey: `data_request_answered:${id}`,
        });
      }
      await this.audit.append(manager, {
        action: `data_request.${input.status}`,
        subjectType: 'DataRequest',
        subjectId: id,
        before: { status: row.status },
        after: { status: answered.status, datasetId: answered.datasetId },
      });
      return answered;
    });
  }

  private duplicate(organizationName: string): DomainException {
    return new DomainException(409, 'DATA_REQUEST_DUPLICATE', `An open data request to ${organizationName} already exists for this need`);
  }
}
