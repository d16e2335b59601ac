import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { LineageColumns, LineageDirection, LineageGraph, LineagePersonalData, LineageRun } from '@convenio/contracts';
import type { Observable } from 'rxjs';
import { queryParams } from '../../../shared/data/query-params';

export const LINEAGE_URL = '/api/v1/lineage';
export const LINEAGE_GRAPH_URL = `${LINEAGE_URL}/graph`;
export const LINEAGE_COLUMNS_URL = `${LINEAGE_URL}/columns`;
export const LINEAGE_PERSONAL_DATA_URL = `${LINEAGE_URL}/personal-data`;

export interface GraphRequest {
  /** `dataset:<namespace>:<name>` or `job:<namespace>:<name>`. */
  readonly node: string;
  readonly direction: LineageDirection;
  readonly depth: number;
}

export interface ColumnsRequest {
  /** `<namespace>:<name>`. */
  readonly dataset: string;
  readonly field?: string | null;
  readonly direction?: LineageDirection;
  readonly depth?: number;
}

/** The lineage graph's HTTP (read only): the graph around a node, column-level edges, personal data and runs. */
@Injectable({ providedIn: 'root' })
export class LineageApi {
  private readonly http = inject(HttpClient);

  /** 404 when the lineage has no such node. */
  graph({ node, direction, depth }: GraphRequest): Observable<LineageGraph> {
    return this.http.get<LineageGraph>(LINEAGE_GRAPH_URL, { params: queryParams({ node, direction, depth }) });
  }

  columns({ dataset, field, direction, depth }: ColumnsRequest): Observable<LineageColumns> {
    return this.http.get<LineageColumns>(LINEAGE_COLUMNS_URL, { params: queryParams({ dataset, field, direction, depth }) });
  }

  /** The dataset's fields carrying personal data: declared in the catalog, or derived through unmasked edges. */
  personalData(dataset: string): Observable<LineagePersonalData> {
    return this.http.get<LineagePersonalData>(LINEAGE_PERSONAL_DATA_URL, { params: queryParams({ dataset }) });
  }

  run(runId: string): Observable<LineageRun> {
    return this.http.get<LineageRun>(`${LINEAGE_URL}/runs/${encodeURIComponent(runId)}`);
  }
}
