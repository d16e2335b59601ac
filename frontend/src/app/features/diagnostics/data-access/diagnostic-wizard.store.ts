import { Injectable, computed, inject, signal } from '@angular/core';
import type { CreateDataRequestRequest, DataRequest, Diagnostic, DiagnosticNeed, ErrorResponse, NeedCandidates, UpdateDiagnosticRequest } from '@convenio/contracts';
import { type Observable, firstValueFrom } from 'rxjs';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { DiagnosticsApi } from './diagnostics.api';

/** An owner organization the diagnostic's needs were assigned to, with the datasets chosen from it. */
export interface AssignedOwner {
  readonly organizationId: string;
  readonly organizationName: string;
  readonly datasetIds: readonly string[];
  readonly needTopics: readonly string[];
}

/** Where "Redactar convenio" goes: the agreement editor, prefilled from the diagnostic. */
export interface AgreementDraftLink {
  readonly path: string;
  readonly queryParams: { diagnostico: string; proveedor: string; datasets: string };
}

/**
 * The wizard's state (one per wizard page): the diagnostic as saved, the candidates of its needs, and
 * what is in flight. Every action returns a promise that rejects with the API's ErrorResponse, after
 * keeping it in `error`.
 */
@Injectable()
export class DiagnosticWizardStore {
  private readonly api = inject(DiagnosticsApi);

  readonly diagnostic = signal<Diagnostic | null>(null);
  readonly candidates = signal<NeedCandidates[]>([]);
  readonly candidatesLoaded = signal(false);
  readonly busy = signal(false);
  readonly error = signal<ErrorResponse | null>(null);

  readonly isOpen = computed(() => this.diagnostic()?.status === 'open');
  /** Owners in the order of their first need; each with its distinct datasets. */
  readonly owners = computed<AssignedOwner[]>(() => {
    const owners = new Map<string, { organizationName: string; datasetIds: string[]; needTopics: string[] }>();
    for (const need of this.diagnostic()?.needs ?? []) {
      if (!need.assignedOrganizationId || !need.assignedDatasetId) continue;
      const owner = owners.get(need.assignedOrganizationId) ?? { organizationName: need.assignedOrganizationName ?? '', datasetIds: [], needTopics: [] };
      if (!owner.datasetIds.includes(need.assignedDatasetId)) owner.datasetIds.push(need.assignedDatasetId);
      owner.needTopics.push(need.topic);
      owners.set(need.assignedOrganizationId, owner);
    }
    return [...owners].map(([organizationId, owner]) => ({ organizationId, ...owner }));
  });

  async load(id: string): Promise<Diagnostic> {
    return this.run(this.api.get(id), (diagnostic) => this.diagnostic.set(diagnostic));
  }

  /** Creates the diagnostic the first time, then patches it (needs keep their ids). */
  async save(request: Required<Pick<UpdateDiagnosticRequest, 'title' | 'policyQuestion' | 'needs'>>): Promise<Diagnostic> {
    const current = this.diagnostic();
    const call = current ? this.api.update(current.id, request) : this.api.create({ ...request, needs: request.needs.map(({ id: _id, ...need }) => need) });
    return this.run(call, (diagnostic) => {
      this.diagnostic.set(diagnostic);
      this.candidatesLoaded.set(false);
    });
  }

  async loadCandidates(): Promise<NeedCandidates[]> {
    const diagnostic = this.requireDiagnostic();
    return this.run(this.api.candidates(diagnostic.id), (candidates) => {
      this.candidates.set(candidates);
      this.candidatesLoaded.set(true);
    });
  }

  async assign(needId: string, datasetId: string): Promise<DiagnosticNeed> {
    return this.run(this.api.assign(this.requireDiagnostic().id, needId, datasetId), (need) => this.replaceNeed(need));
  }

  async unassign(needId: string): Promise<DiagnosticNeed> {
    return this.run(this.api.unassign(this.requireDiagnostic().id, needId), (need) => this.replaceNeed(need));
  }

  async requestData(needId: string, body: CreateDataRequestRequest): Promise<DataRequest> {
    return this.run(this.api.requestData(this.requireDiagnostic().id, needId, body), () => undefined);
  }

  candidatesOf(needId: string): NeedCandidates['candidates'] {
    return this.candidates().find((entry) => entry.needId === needId)?.candidates ?? [];
  }

  agreementLink(owner: AssignedOwner): AgreementDraftLink {
    return { path: '/convenios/nuevo', queryParams: { diagnostico: this.requireDiagnostic().id, proveedor: owner.organizationId, datasets: owner.datasetIds.join(',') } };
  }

  private replaceNeed(need: DiagnosticNeed): void {
    this.diagnostic.update((diagnostic) => diagnostic && { ...diagnostic, needs: diagnostic.needs.map((current) => (current.id === need.id ? need : current)) });
  }

  private requireDiagnostic(): Diagnostic {
    const diagnostic = this.diagnostic();
    if (!diagnostic) throw new Error('The diagnostic is not saved yet');
    return diagnostic;
  }

  private async run<T>(call: Observable<T>, apply: (value: T) => void): Promise<T> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const value = await firstValueFrom(call);
      apply(value);
      return value;
    } catch (error) {
      const response = toErrorResponse(error);
      this.error.set(response);
      throw response;
    } finally {
      this.busy.set(false);
    }
  }
}
