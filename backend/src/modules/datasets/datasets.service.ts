import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CreateDatasetRequest, Dataset, DatasetSearchQuery, DatasetSearchResult, ErrorDetail, UpdateDatasetRequest } from '@convenio/contracts';
import { subject } from '@casl/ability';
import type { AppAbility } from '@convenio/policies';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import { isUniqueViolation } from '../../core/database/sql-helpers';
import type { Principal } from '../../core/auth/principal';
import { DomainException } from '../../core/errors/domain.exception';
import { ReferenceService } from '../reference/reference.service';
import { UserEntity } from '../users/user.entity';
import { DatasetEntity } from './dataset.entity';
import { datasetSummary, rowToDataset, visibleDataset } from './dataset.mapper';
import { ComplianceRechecksService } from '../compliance/rechecks.service';
import { DatasetsRepository } from './datasets.repository';

const GEO_CODE_LENGTH = { national: 0, state: 2, municipality: 5, locality: 9 } as const;

/** Rules between fields that a schema of single fields cannot say; each problem names its field. */
function crossFieldProblems(merged: Pick<Dataset, 'geoLevel' | 'geoCodes' | 'sectorLevel' | 'sectorCodes' | 'timeFrom' | 'timeTo' | 'columns' | 'lineageNamespace' | 'lineageName'>): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const length = GEO_CODE_LENGTH[merged.geoLevel];
  merged.geoCodes.forEach((code, index) => {
    if (merged.geoLevel === 'national') problems.push({ path: `body.geoCodes.${index}`, message: 'a national dataset takes no geographic codes' });
    else if (code.length !== length) problems.push({ path: `body.geoCodes.${index}`, message: `a ${merged.geoLevel} code has ${length} digits` });
  });
  if (merged.sectorLevel) {
    merged.sectorCodes.forEach((code, index) => {
      if (code.replace('-', '').length > 6 || (code.length !== merged.sectorLevel && !code.includes('-'))) {
        problems.push({ path: `body.sectorCodes.${index}`, message: `sectorLevel is ${merged.sectorLevel}: codes have ${merged.sectorLevel} digits` });
      }
    });
  } else if (merged.sectorCodes.length > 0) {
    problems.push({ path: 'body.sectorLevel', message: 'sector codes need a sector level (2 to 6)' });
  }
  if (merged.timeFrom && merged.timeTo && merged.timeFrom > merged.timeTo) problems.push({ path: 'body.timeTo', message: 'must not be before timeFrom' });
  const names = new Set<string>();
  merged.columns.forEach((column, index) => {
    if (names.has(column.name.toLowerCase())) problems.push({ path: `body.columns.${index}.name`, message: `duplicate column ${column.name}` });
    names.add(column.name.toLowerCase());
  });
  if (Boolean(merged.lineageNamespace) !== Boolean(merged.lineageName)) problems.push({ path: merged.lineageName ? 'body.lineageNamespace' : 'body.lineageName', message: 'lineage identity needs both namespace and name' });
  return problems;
}

type LineageFacing = Pick<Dataset, 'lineageNamespace' | 'lineageName' | 'columns'>;

/**
 * The lineage identities whose compliance checks a catalog edit changes: the old and the new
 * identity when it was declared, moved or removed, or the identity when the columns marked as
 * direct or quasi identifiers changed. Empty when the edit changes no check.
 */
export function lineageAffectedBy(before: LineageFacing | null, after: LineageFacing): Array<{ namespace: string; name: string }> {
  const identity = (dataset: LineageFacing | null) => (dataset?.lineageNamespace && dataset.lineageName ? { namespace: dataset.lineageNamespace, name: dataset.lineageName } : null);
  const identifiers = (dataset: LineageFacing | null) =>
    JSON.stringify((dataset?.columns ?? []).filter((column) => column.identifierKind === 'direct' || column.identifierKind === 'quasi').map((column) => [column.name, column.identifierKind]).sort());
  const [old, now] = [identity(before), identity(after)];
  const moved = old?.namespace !== now?.namespace || old?.name !== now?.name;
  if (!moved && identifiers(before) === identifiers(after)) return [];
  return moved ? [old, now].filter((key): key is { namespace: string; name: string } => key !== null) : now ? [now] : [];
}

@Injectable()
export class DatasetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly datasets: DatasetsRepository,
    private readonly audit: AuditService,
    private readonly reference: ReferenceService,
    private readonly rechecks: ComplianceRechecksService,
  ) {}

  /** INEGI and SCIAN codes must exist: an unknown one answers 400 naming it. */
  private async assertKnownCodes(merged: Pick<Dataset, 'geoLevel' | 'geoCodes' | 'sectorCodes'>): Promise<void> {
    if (merged.geoLevel !== 'national' && merged.geoCodes.length > 0) await this.reference.assertKnownGeoCodes(merged.geoCodes, merged.geoLevel, 'body.geoCodes');
    if (merged.sectorCodes.length > 0) await this.reference.assertKnownScianCodes(merged.sectorCodes, 'body.sectorCodes');
  }

  async search(query: DatasetSearchQuery, ability: AppAbility): Promise<DatasetSearchResult> {
    const { rows, ...rest } = await this.datasets.search(query, ability);
    return { ...rest, items: rows.map((row) => visibleDataset(rowToDataset(row), ability)) };
  }

  /** Not found and not allowed look the same (404). */
  async get(id: string, ability: AppAbility): Promise<Dataset> {
    const row = await this.datasets.findById(id);
    const dataset = row ? rowToDataset(row) : null;
    if (!dataset || !ability.can('read', subject('Dataset', { ...dataset }))) throw new NotFoundException(`Dataset ${id} not found`);
    return visibleDataset(dataset, ability);
  }

  async create(input: CreateDatasetRequest, principal: Principal): Promise<Dataset> {
    const draft = { id: '', ownerOrganizationId: principal.organizationId, status: input.status, sensitivity: input.sensitivity };
    if (!principal.ability.can('create', subject('Dataset', draft))) throw new DomainException(422, 'DATASET_NOT_ALLOWED', 'You may only create datasets of your own organization as its steward');
    const merged = { ...input, timeFrom: input.timeFrom ?? null, timeTo: input.timeTo ?? null, sectorLevel: input.sectorLevel ?? null, lineageNamespace: input.lineageNamespace ?? null, lineageName: input.lineageName ?? null };
    this.assertValid(crossFieldProblems(merged));
    await this.assertKnownCodes(merged);
    let recheck = false;
    const created = await this.dataSource.transaction(async (manager) => {
      const stewardId = await this.checkedSteward(manager, input.stewardId ?? principal.userId, principal.organizationId);
      const entity = manager.create(DatasetEntity, {
        ...merged,
        ownerOrganizationId: principal.organizationId,
        stewardId,
        titleEn: input.titleEn ?? null,
        descriptionEn: input.descriptionEn ?? null,
        qualityNotes: input.qualityNotes ?? null,
        publishedAt: input.status === 'published' ? new Date() : null,
      });
      await this.saveUnique(() => manager.save(entity));
      const dataset = rowToDataset((await this.datasets.findById(entity.id, manager))!);
      await this.audit.append(manager, { action: 'dataset.created', subjectType: 'Dataset', subjectId: entity.id, after: datasetSummary(dataset) });
      recheck = (await this.rechecks.markDownstreamOf(manager, lineageAffectedBy(null, dataset))) > 0;
      return visibleDataset(dataset, principal.ability);
    });
    if (recheck) await this.rechecks.requestCheck();
    return created;
  }

  async update(id: string, input: UpdateDatasetRequest, principal: Principal): Promise<Dataset> {
    let recheck = false;
    const updated = await this.dataSource.transaction(async (manager) => {
      const entity = /^[0-9a-f-]{36}$/i.test(id) ? await manager.findOne(DatasetEntity, { where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!entity || !principal.ability.can('read', subject('Dataset', { ...entity }))) throw new NotFoundException(`Dataset ${id} not found`);
      if (!principal.ability.can('update', subject('Dataset', { ...entity }))) throw new DomainException(422, 'DATASET_NOT_ALLOWED', 'Only the stewards of the owner organization may edit this dataset');
      const before = rowToDataset((await this.datasets.findById(id, manager))!);
      const changes = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as UpdateDatasetRequest;
      const merged = { ...before, ...changes };
      this.assertValid(crossFieldProblems({ ...merged, sectorLevel: merged.sectorLevel ?? null, timeFrom: merged.timeFrom ?? null, timeTo: merged.timeTo ?? null, lineageNamespace: merged.lineageNamespace ?? null, lineageName: merged.lineageName ?? null }));
      await this.assertKnownCodes(merged);
      if (changes.stewardId) changes.stewardId = await this.checkedSteward(manager, changes.stewardId, entity.ownerOrganizationId);
      Object.assign(entity, changes);
      if (changes.status === 'published' && before.status !== 'published') entity.publishedAt = new Date();
      await this.saveUnique(() => manager.save(entity));
      const after = rowToDataset((await this.datasets.findById(id, manager))!);
      const action = changes.status && changes.status !== before.status ? `dataset.${changes.status}` : 'dataset.updated';
      await this.audit.append(manager, { action, subjectType: 'Dataset', subjectId: id, before: datasetSummary(before), after: datasetSummary(after) });
      // The lineage this edit concerns is checked again: e.g. a column now marked as a direct identifier.
      recheck = (await this.rechecks.markDownstreamOf(manager, lineageAffectedBy(before, after))) > 0;
      return visibleDataset(after, principal.ability);
    });
    if (recheck) await this.rechecks.requestCheck();
    return updated;
  }

  private assertValid(problems: ErrorDetail[]): void {
    if (problems.length > 0) throw new DomainException(400, 'DATASET_INVALID', `Invalid dataset: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
  }

  /** The steward must be an active steward of the owner organization. */
  private async checkedSteward(manager: EntityManager, stewardId: string, organizationId: string): Promise<string> {
    const steward = await manager.findOne(UserEntity, { where: { id: stewardId } });
    if (!steward || steward.organizationId !== organizationId || !steward.active || !steward.roles.includes('steward')) {
      throw new DomainException(400, 'STEWARD_INVALID', 'The steward must be an active steward of the owner organization', [{ path: 'body.stewardId', message: 'not a steward of the owner organization' }]);
    }
    return steward.id;
  }

  private async saveUnique(save: () => Promise<unknown>): Promise<void> {
    try {
      await save();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainException(409, 'LINEAGE_TAKEN', 'Another dataset already has this lineage identity (namespace, name)', [{ path: 'body.lineageName', message: 'already used' }]);
      }
      throw error;
    }
  }
}
