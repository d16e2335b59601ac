import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CreateDiagnosticRequest,
  Diagnostic,
  DiagnosticListQuery,
  DiagnosticNeed,
  DiagnosticNeedInput,
  ErrorDetail,
  NeedCandidates,
  Page,
  UpdateDiagnosticRequest,
} from '@convenio/contracts';
import { subject } from '@casl/ability';
import type { AppAbility } from '@convenio/policies';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { Principal } from '../../core/auth/principal';
import { DomainException } from '../../core/errors/domain.exception';
import { ReferenceService } from '../reference/reference.service';
import { rankCandidates } from './candidate-matching';
import { diagnosticSummary, needForMatching, rowToDiagnostic, rowToMatchable } from './diagnostic.mapper';
import { DiagnosticsRepository } from './diagnostics.repository';

const GEO_CODE_LENGTH = { national: 0, state: 2, municipality: 5, locality: 9 } as const;
/** Candidates listed per need. */
const CANDIDATES_PER_NEED = 10;

const notFound = (id: string) => new DomainException(404, 'DIAGNOSTIC_NOT_FOUND', `Diagnostic ${id} not found`);

/** Diagnostics: create, list, read, edit while open; candidates per need; assignment of a dataset (and its owner). */
@Injectable()
export class DiagnosticsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly diagnostics: DiagnosticsRepository,
    private readonly audit: AuditService,
    private readonly reference: ReferenceService,
  ) {}

  async create(input: CreateDiagnosticRequest, principal: Principal): Promise<Diagnostic> {
    await this.assertValidNeeds(input.needs);
    return this.dataSource.transaction(async (manager) => {
      const id = await this.diagnostics.insertDiagnostic(manager, { title: input.title, policyQuestion: input.policyQuestion, organizationId: principal.organizationId, createdById: principal.userId });
      for (const [position, need] of input.needs.entries()) await this.diagnostics.insertNeed(manager, id, need, position);
      const diagnostic = rowToDiagnostic((await this.diagnostics.findDiagnostic(id, manager))!);
      await this.audit.append(manager, { action: 'diagnostic.created', subjectType: 'Diagnostic', subjectId: id, after: diagnosticSummary(diagnostic) });
      return diagnostic;
    });
  }

  async list(query: DiagnosticListQuery, ability: AppAbility): Promise<Page<Diagnostic>> {
    const { rows, total } = await this.diagnostics.listDiagnostics(query, ability);
    return { items: rows.map(rowToDiagnostic), total, page: query.page, pageSize: query.pageSize };
  }

  /** Not found and not allowed look the same (404). */
  async get(id: string, ability: AppAbility, manager?: EntityManager): Promise<Diagnostic> {
    const row = await this.diagnostics.findDiagnostic(id, manager);
    if (!row || !ability.can('read', subject('Diagnostic', { id: row.id, organizationId: row.organization_id, status: row.status }))) throw notFound(id);
    return rowToDiagnostic(row);
  }

  /** Title, question, status or the needs (replaced; a need keeps its id, assignment and requests when `id` is given). */
  async update(id: string, input: UpdateDiagnosticRequest, principal: Principal): Promise<Diagnostic> {
    if (input.needs) await this.assertValidNeeds(input.needs);
    return this.dataSource.transaction(async (manager) => {
      const before = await this.lockEditable(manager, id, principal);
      if (input.needs) {
        const existing = new Set(await this.diagnostics.needIds(manager, id));
        const kept = new Set<string>();
        const problems: ErrorDetail[] = [];
        input.needs.forEach((need, index) => {
          if (!need.id) return;
          if (!existing.has(need.id) || kept.has(need.id)) problems.push({ path: `body.needs.${index}.id`, message: `not a need of this diagnostic (or listed twice): ${need.id}` });
          kept.add(need.id);
        });
        if (problems.length > 0) throw new DomainException(400, 'DIAGNOSTIC_INVALID', `Invalid diagnostic: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
        await this.diagnostics.deleteNeeds(manager, [...existing].filter((needId) => !kept.has(needId)));
        for (const [position, { id: needId, ...need }] of input.needs.entries()) {
          if (needId) await this.diagnostics.updateNeed(manager, needId, need, position);
          else await this.diagnostics.insertNeed(manager, id, need, position);
        }
      }
      await this.diagnostics.updateDiagnostic(manager, id, { title: input.title, policyQuestion: input.policyQuestion, status: input.status });
      const after = rowToDiagnostic((await this.diagnostics.findDiagnostic(id, manager))!);
      const action = input.status === 'closed' ? 'diagnostic.closed' : 'diagnostic.updated';
      await this.audit.append(manager, { action, subjectType: 'Diagnostic', subjectId: id, before: diagnosticSummary(before), after: diagnosticSummary(after) });
      return after;
    });
  }

  /** For each need, the published datasets the caller may read that can serve it, ranked with reasons. */
  async candidates(id: string, ability: AppAbility): Promise<NeedCandidates[]> {
    const diagnostic = await this.get(id, ability);
    const themes = diagnostic.needs.map((need) => need.theme);
    const withSectors = diagnostic.needs.some((need) => (need.sectorCodes?.length ?? 0) > 0 || need.sectorLevel);
    const datasets = (await this.diagnostics.candidateDatasets(ability, themes, withSectors)).map(rowToMatchable);
    return diagnostic.needs.map((need) => ({
      needId: need.id,
      topic: need.topic,
      candidates: rankCandidates(needForMatching(need), datasets, CANDIDATES_PER_NEED).map(({ dataset: { row }, score, reasons }) => ({
        datasetId: row.id,
        title: row.title,
        ownerOrganizationId: row.owner_organization_id,
        ownerOrganizationName: row.owner_name,
        ownerSector: row.owner_sector,
        geoLevel: row.geo_level,
        sensitivity: row.sensitivity,
        score,
        reasons,
      })),
    }));
  }

  /** Assigns a published dataset the caller may read (and so its owner organization) to a need; null unassigns. */
  async assign(id: string, needId: string, datasetId: string | null, principal: Principal): Promise<DiagnosticNeed> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.lockEditable(manager, id, principal);
      const need = before.needs.find((entry) => entry.id === needId);
      if (!need) throw new DomainException(404, 'NEED_NOT_FOUND', `Need ${needId} not found in diagnostic ${id}`);
      let assignment: { datasetId: string; organizationId: string; userId: string } | null = null;
      if (datasetId) {
        const dataset = await this.diagnostics.findDatasetForAssignment(datasetId, manager);
        const readable = dataset && principal.ability.can('read', subject('Dataset', { id: dataset.id, ownerOrganizationId: dataset.owner_organization_id, status: dataset.status, sensitivity: dataset.sensitivity }));
        if (!dataset || !readable) throw new DomainException(404, 'DATASET_NOT_FOUND', `Dataset ${datasetId} not found`);
        if (dataset.status !== 'published') throw new DomainException(422, 'DATASET_NOT_PUBLISHED', `Only a published dataset can be assigned; ${dataset.title} is ${dataset.status}`, [{ path: 'body.datasetId', message: `dataset is ${dataset.status}` }]);
        assignment = { datasetId: dataset.id, organizationId: dataset.owner_organization_id, userId: principal.userId };
      }
      await this.diagnostics.setAssignment(manager, needId, assignment);
      const after = rowToDiagnostic((await this.diagnostics.findDiagnostic(id, manager))!).needs.find((entry) => entry.id === needId)!;
      await this.audit.append(manager, {
        action: datasetId ? 'diagnostic.need_assigned' : 'diagnostic.need_unassigned',
        subjectType: 'Diagnostic',
        subjectId: id,
        before: { needId, assignedDatasetId: need.assignedDatasetId, assignedOrganizationId: need.assignedOrganizationId },
        after: { needId, assignedDatasetId: after.assignedDatasetId, assignedOrganizationId: after.assignedOrganizationId },
      });
      return after;
    });
  }

  /**
   * Locks the diagnostic for a change: 404 when the caller may not read it, 403 when they may read but not
   * edit it (another organization's), 409 when it is closed. Returns it as it was before the change.
   */
  async lockEditable(manager: EntityManager, id: string, principal: Principal): Promise<Diagnostic> {
    const locked = await this.diagnostics.lockDiagnostic(manager, id);
    const asSubject = locked && subject('Diagnostic', { id: locked.id, organizationId: locked.organization_id, status: locked.status });
    if (!asSubject || !principal.ability.can('read', asSubject)) throw notFound(id);
    if (!principal.ability.can('update', asSubject)) throw new ForbiddenException('Only officials of the diagnostic’s organization may change it');
    if (locked.status !== 'open') throw new DomainException(409, 'DIAGNOSTIC_CLOSED', `Diagnostic ${id} is ${locked.status}; only an open diagnostic can change`);
    return rowToDiagnostic((await this.diagnostics.findDiagnostic(id, manager))!);
  }

  /** Rules between fields, then INEGI and SCIAN codes against the reference data (unknown → 400 naming it). */
  private async assertValidNeeds(needs: readonly DiagnosticNeedInput[]): Promise<void> {
    const problems: ErrorDetail[] = [];
    needs.forEach((need, index) => {
      const length = GEO_CODE_LENGTH[need.geoLevel];
      (need.geoCodes ?? []).forEach((code, position) => {
        const path = `body.needs.${index}.geoCodes.${position}`;
        if (need.geoLevel === 'national') problems.push({ path, message: 'a national need takes no geographic codes' });
        else if (code.length !== length) problems.push({ path, message: `a ${need.geoLevel} code has ${length} digits` });
      });
      if (need.sectorLevel) {
        (need.sectorCodes ?? []).forEach((code, position) => {
          if (code.length !== need.sectorLevel) problems.push({ path: `body.needs.${index}.sectorCodes.${position}`, message: `sectorLevel is ${need.sectorLevel}: codes have ${need.sectorLevel} digits` });
        });
      }
      if (need.periodFrom && need.periodTo && need.periodFrom > need.periodTo) problems.push({ path: `body.needs.${index}.periodTo`, message: 'must not be before periodFrom' });
    });
    if (problems.length > 0) throw new DomainException(400, 'DIAGNOSTIC_INVALID', `Invalid diagnostic: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
    for (const [index, need] of needs.entries()) {
      if (need.geoLevel !== 'national' && need.geoCodes?.length) await this.reference.assertKnownGeoCodes(need.geoCodes, need.geoLevel, `body.needs.${index}.geoCodes`);
      if (need.sectorCodes?.length) await this.reference.assertKnownScianCodes(need.sectorCodes, `body.needs.${index}.sectorCodes`);
    }
  }
}
