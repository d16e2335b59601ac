import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { PipelineDashboard } from '@convenio/contracts';
import type { Observable } from 'rxjs';

export const PIPELINE_URL = '/api/v1/pipeline';

@Injectable({ providedIn: 'root' })
export class PipelineApi {
  private readonly http = inject(HttpClient);

  dashboard(): Observable<PipelineDashboard> {
    return this.http.get<PipelineDashboard>(PIPELINE_URL);
  }
}
