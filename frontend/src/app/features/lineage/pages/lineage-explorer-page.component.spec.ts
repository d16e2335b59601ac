import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, type TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, input, output } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { By } from '@angular/platform-browser';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { LineageEdge, LineageNode, Role } from '@convenio/contracts';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { signInAs } from '../../../../testing/session-testing';
import { provideAuthz } from '../../../core/authz/authz.service';
import { errorInterceptor } from '../../../core/http/error.interceptor';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { FINDINGS_URL } from '../../compliance/data-access/compliance.api';
import { LineageGraphComponent } from '../components/lineage-graph.component';
import { LINEAGE_COLUMNS_URL, LINEAGE_GRAPH_URL } from '../data-access/lineage.api';
import { AGREEMENT_ID, ANON, BIRTHS, CATALOG_DATASET_ID, ETL, FINDING_ID, NS, birthsGraph, columnEdge, etlGraph, finding } from '../testing/lineage-fixtures';
import { LineageExplorerPageComponent } from './lineage-explorer-page.component';

/** Stands in for the cytoscape canvas (it needs a real one): same inputs and output. */
@Component({ selector: 'cv-lineage-graph', template: '' })
class GraphStubComponent {
  readonly nodes = input.required<readonly LineageNode[]>();
  readonly edges = input.required<readonly LineageEdge[]>();
  readonly selectedId = input<string | null>(null);
  readonly startId = input<string | null>(null);
  readonly nodeClick = output<string>();
}

describe('LineageExplorerPageComponent', () => {
  let harness: RouterTestingHarness;
  let backend: HttpTestingController;

  const root = (): HTMLElement => harness.routeNativeElement as HTMLElement;
  const el = (testId: string): HTMLElement | null => root().querySelector(`[data-testid="${testId}"]`);
  const all = (testId: string): HTMLElement[] => Array.from(root().querySelectorAll(`[data-testid="${testId}"]`));
  const text = (testId: string): string => el(testId)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const graph = (): GraphStubComponent => harness.fixture.debugElement.query(By.directive(GraphStubComponent)).componentInstance as GraphStubComponent;
  const graphRequest = (): TestRequest => backend.expectOne((request) => request.url === LINEAGE_GRAPH_URL);
  const findingsRequest = (): TestRequest => backend.expectOne((request) => request.url === FINDINGS_URL);

  async function stable(): Promise<void> {
    await settle();
    await harness.fixture.whenStable();
  }

  async function start(url: string, roles: Role[]): Promise<void> {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'linaje', component: LineageExplorerPageComponent }], withComponentInputBinding()),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        provideI18n(),
        provideAuthz(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    TestBed.overrideComponent(LineageExplorerPageComponent, { remove: { imports: [LineageGraphComponent] }, add: { imports: [GraphStubComponent] } });
    await initializeApp();
    backend = TestBed.inject(HttpTestingController);
    await signInAs(roles);
    harness = await RouterTestingHarness.create(url);
  }

  afterEach(() => backend.verify());

  it('loads the graph the URL names, selects the start node and lists its open findings', async () => {
    await start(`/linaje?node=${encodeURIComponent(BIRTHS)}&depth=2`, ['official']);
    const request = graphRequest();
    expect(request.request.params.get('node')).toBe(BIRTHS);
    expect(request.request.params.get('direction')).toBe('both');
    expect(request.request.params.get('depth')).toBe('2');
    request.flush(birthsGraph());
    await stable();
    const findings = findingsRequest();
    expect(findings.request.params.get('status')).toBe('open');
    expect(findings.request.params.get('pageSize')).toBe('200');
    findings.flush({ items: [finding(), finding({ id: 'elsewhere', job: null, evidence: { eventIds: [], edges: [{ source: 'dataset:x:a', target: 'dataset:x:b' }], facts: {} } })], total: 2, page: 1, pageSize: 200 });
    await stable();

    expect(graph().nodes().map((node) => node.id)).toEqual([BIRTHS, ETL]);
    expect(graph().selectedId()).toBe(BIRTHS);
    expect(graph().startId()).toBe(BIRTHS);
    expect((el('explorer-node') as HTMLInputElement).value).toBe(BIRTHS);
    expect(text('explorer-summary')).toContain('Nodos: 2 · relaciones: 1');

    expect(el('node-panel')?.getAttribute('data-node')).toBe(BIRTHS);
    expect(text('node-kind')).toBe('Conjunto de datos');
    expect(text('node-name')).toBe('natalidad.registros');
    expect(text('node-namespace')).toBe(NS);
    expect(el('node-catalog-link')?.getAttribute('href')).toBe(`/catalogo/${CATALOG_DATASET_ID}`);
    expect(text('node-personal-data')).toContain('Identificadores directos: 2');
    expect(text('node-personal-data')).toContain('Cuasi-identificadores: 1');
    expect(all('node-agreement-link').map((link) => link.getAttribute('href'))).toEqual([`/convenios/${AGREEMENT_ID}`]);
    expect(all('node-finding').map((item) => item.getAttribute('data-id'))).toEqual([FINDING_ID]);
    expect(el('node-finding-link')?.getAttribute('href')).toBe(`/cumplimiento/${FINDING_ID}`);
    expect(text('node-finding')).toContain('Identificador directo no eliminado');
    expect(el('explorer-truncated')).toBeNull();
  });

  it('expands a clicked node once, merging its neighbours without duplicates', async () => {
    await start(`/linaje?node=${encodeURIComponent(BIRTHS)}&direction=downstream`, ['auditor']);
    graphRequest().flush(birthsGraph());
    await stable();
    findingsRequest().flush({ items: [finding()], total: 1, page: 1, pageSize: 200 });
    await stable();

    graph().nodeClick.emit(ETL);
    await stable();
    const expansion = graphRequest();
    expect(expansion.request.params.get('node')).toBe(ETL);
    expect(expansion.request.params.get('depth')).toBe('1');
    expect(expansion.request.params.get('direction')).toBe('downstream');
    expansion.flush(etlGraph());
    await stable();

    expect(graph().nodes().map((node) => node.id)).toEqual([BIRTHS, ETL, ANON]);
    expect(graph().edges()).toHaveLength(2);
    expect(graph().selectedId()).toBe(ETL);
    expect(text('node-kind')).toBe('Proceso');
    expect(el('node-personal-data')).toBeNull();
    expect(el('column-view-toggle')).toBeNull();
    // The job ran the finding's run: it is listed for the job as well.
    expect(all('node-finding')).toHaveLength(1);

    // Already expanded: selecting it again asks nothing.
    graph().nodeClick.emit(BIRTHS);
    await stable();
    graph().nodeClick.emit(ETL);
    await stable();
    backend.expectNone((request) => request.url === LINEAGE_GRAPH_URL);
    expect(TestBed.inject(Router).url).toBe(`/linaje?node=${BIRTHS.replace('//', '%2F%2F')}&direction=downstream`);
  });

  it('shows a dataset’s column-level lineage in the column view', async () => {
    await start(`/linaje?node=${encodeURIComponent(BIRTHS)}`, ['steward']);
    graphRequest().flush(birthsGraph());
    await stable();
    // Stewards read the graph but not the findings: none are asked for, no section is shown.
    backend.expectNone((request) => request.url === FINDINGS_URL);
    expect(el('node-findings')).toBeNull();
    expect(el('node-findings-empty')).toBeNull();

    el('column-view-toggle')?.click();
    await stable();
    const columns = backend.expectOne((request) => request.url === LINEAGE_COLUMNS_URL);
    expect(columns.request.params.get('dataset')).toBe(`${NS}:natalidad.registros`);
    expect(columns.request.params.get('direction')).toBe('both');
    expect(columns.request.params.get('depth')).toBe('3');
    columns.flush({ dataset: { namespace: NS, name: 'natalidad.registros', catalog: null }, fields: [], edges: [columnEdge(), columnEdge({ masking: true, personalData: null, source: { namespace: NS, name: 'natalidad.registros', field: 'edad' }, target: { namespace: NS, name: 'natalidad.anonimizada', field: 'edad_rango' } })] });
    await stable();

    const rows = all('column-edge');
    expect(rows).toHaveLength(2);
    expect(rows[0].getAttribute('data-personal')).toBe('direct');
    expect(rows[0].textContent).toContain('curp_hash');
    expect(rows[0].querySelector('[data-testid="column-edge-masking"]')?.textContent?.trim()).toBe('Sin enmascarar');
    expect(rows[0].querySelector('[data-testid="column-edge-personal"]')?.textContent?.trim()).toBe('Identificador directo');
    expect(rows[1].querySelector('[data-testid="column-edge-masking"]')?.textContent?.trim()).toBe('Enmascarada');
    expect(rows[1].getAttribute('data-personal')).toBe('none');
  });

  it('explores what the form says, keeping it in the URL', async () => {
    await start('/linaje', ['official']);
    expect(el('explorer-empty')).not.toBeNull();
    backend.expectNone((request) => request.url === LINEAGE_GRAPH_URL);

    const input = el('explorer-node') as HTMLInputElement;
    input.value = 'natalidad';
    input.dispatchEvent(new Event('input'));
    (root().querySelector('form.search') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await stable();
    expect(root().textContent).toContain('Escriba dataset:<espacio de nombres>:<nombre>');
    expect(TestBed.inject(Router).url).toBe('/linaje');

    input.value = ETL;
    input.dispatchEvent(new Event('input'));
    (root().querySelector('form.search') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await stable();
    expect(TestBed.inject(Router).url).toContain('/linaje?node=job:airflow:');
    const request = graphRequest();
    expect(request.request.params.get('node')).toBe(ETL);
    request.flush({ ...etlGraph(), truncated: true });
    await stable();
    findingsRequest().flush({ items: [], total: 0, page: 1, pageSize: 200 });
    await stable();
    expect(el('explorer-truncated')).not.toBeNull();
    expect(el('node-findings-empty')).not.toBeNull();
    expect(all('node-list-item')).toHaveLength(3);
  });

  it('says when the lineage has no such node', async () => {
    await start('/linaje?node=dataset:x:nada', ['auditor']);
    graphRequest().flush({ statusCode: 404, error: 'Not Found', message: 'unknown node' }, { status: 404, statusText: 'Not Found' });
    await stable();
    expect(text('explorer-error')).toBe('El linaje no registra ese nodo.');
    expect(el('node-panel')).toBeNull();
  });
});
