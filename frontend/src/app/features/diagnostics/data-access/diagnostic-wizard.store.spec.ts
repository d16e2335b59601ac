import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { CANDIDATES, DIAGNOSTIC_ID, NEED_ENERGY, NEED_RETAIL, RETAIL_ORG, SALES, diagnostic, need } from '../testing/diagnostic-fixtures';
import { DiagnosticWizardStore } from './diagnostic-wizard.store';
import { DIAGNOSTICS_URL } from './diagnostics.api';
import { buildDiagnosticForm, buildNeedForm, fillDiagnosticForm, toDiagnosticRequest } from './need-form';

describe('DiagnosticWizardStore', () => {
  let store: DiagnosticWizardStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [DiagnosticWizardStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(DiagnosticWizardStore);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  const flushNext = async (url: string, method: string, body: object) => {
    await Promise.resolve();
    const request = backend.expectOne(url);
    expect(request.request.method).toBe(method);
    request.flush(body);
    return request.request.body;
  };

  it('creates the diagnostic first (without need ids), then patches it keeping them', async () => {
    const request = { title: 'T', policyQuestion: 'Una pregunta de política', needs: [{ id: 'ignored', topic: 'Ventas', theme: 'trade' as const, geoLevel: 'state' as const, personalData: false }] };
    const created = store.save(request);
    const posted = await flushNext(DIAGNOSTICS_URL, 'POST', diagnostic());
    expect(posted.needs[0].id).toBeUndefined();
    expect((await created).id).toBe(DIAGNOSTIC_ID);
    expect(store.isOpen()).toBe(true);

    const patched = store.save({ ...request, needs: [{ ...request.needs[0], id: NEED_RETAIL }] });
    const body = await flushNext(`${DIAGNOSTICS_URL}/${DIAGNOSTIC_ID}`, 'PATCH', diagnostic({ title: 'T2' }));
    expect(body.needs[0].id).toBe(NEED_RETAIL);
    expect((await patched).title).toBe('T2');
    expect(store.diagnostic()?.title).toBe('T2');
  });

  it('loads candidates, assigns one and groups the owners for the agreement drafts', async () => {
    store.diagnostic.set(diagnostic());
    const loading = store.loadCandidates();
    await flushNext(`${DIAGNOSTICS_URL}/${DIAGNOSTIC_ID}/candidates`, 'GET', CANDIDATES);
    await loading;
    expect(store.candidatesLoaded()).toBe(true);
    expect(store.candidatesOf(NEED_RETAIL).map((candidate) => candidate.datasetId)).toEqual([SALES, expect.any(String)]);
    expect(store.candidatesOf(NEED_ENERGY)).toEqual([]);
    expect(store.owners()).toEqual([]);

    const assigned = need({ assignedDatasetId: SALES, assignedDatasetTitle: 'Ventas', assignedOrganizationId: RETAIL_ORG, assignedOrganizationName: 'RetailMX', assignedAt: '2026-01-02T00:00:00.000Z' });
    const assigning = store.assign(NEED_RETAIL, SALES);
    const body = await flushNext(`${DIAGNOSTICS_URL}/${DIAGNOSTIC_ID}/needs/${NEED_RETAIL}/assignment`, 'PUT', assigned);
    expect(body).toEqual({ datasetId: SALES });
    await assigning;
    expect(store.diagnostic()?.needs[0].assignedDatasetId).toBe(SALES);
    expect(store.owners()).toEqual([{ organizationId: RETAIL_ORG, organizationName: 'RetailMX', datasetIds: [SALES], needTopics: ['Ventas del comercio al por menor'] }]);
    expect(store.agreementLink(store.owners()[0])).toEqual({ path: '/convenios/nuevo', queryParams: { diagnostico: DIAGNOSTIC_ID, proveedor: RETAIL_ORG, datasets: SALES } });

    const unassigning = store.unassign(NEED_RETAIL);
    await flushNext(`${DIAGNOSTICS_URL}/${DIAGNOSTIC_ID}/needs/${NEED_RETAIL}/assignment`, 'DELETE', need());
    await unassigning;
    expect(store.owners()).toEqual([]);
  });

  it('keeps the API error and rejects with it', async () => {
    store.diagnostic.set(diagnostic());
    const requesting = store.requestData(NEED_ENERGY, { organizationId: RETAIL_ORG, message: 'Necesitamos estos datos.' });
    await Promise.resolve();
    backend
      .expectOne(`${DIAGNOSTICS_URL}/${DIAGNOSTIC_ID}/needs/${NEED_ENERGY}/requests`)
      .flush({ statusCode: 409, error: 'Conflict', message: 'An open data request already exists' }, { status: 409, statusText: 'Conflict' });
    await expect(requesting).rejects.toMatchObject({ statusCode: 409 });
    expect(store.error()?.message).toBe('An open data request already exists');
    expect(store.busy()).toBe(false);
  });
});

describe('need form', () => {
  it('round-trips a saved diagnostic and leaves out what does not apply', () => {
    const form = buildDiagnosticForm();
    fillDiagnosticForm(form, diagnostic());
    form.controls.needs.push(buildNeedForm({ topic: ' Cobertura nacional ', theme: 'telecommunications', geoLevel: 'national', geoCodes: ['11'], periodFrom: '2023-01-01' }));
    expect(toDiagnosticRequest(form)).toEqual({
      title: 'Comercio minorista en el Bajío',
      policyQuestion: '¿Dónde apoyar al comercio minorista con conectividad?',
      needs: [
        { id: NEED_RETAIL, topic: 'Ventas del comercio al por menor', theme: 'trade', geoLevel: 'municipality', geoCodes: [], sectorLevel: 2, sectorCodes: ['46'], personalData: false },
        { id: NEED_ENERGY, topic: 'Consumo eléctrico de los comercios', theme: 'energy', geoLevel: 'municipality', geoCodes: [], personalData: false },
        { topic: 'Cobertura nacional', theme: 'telecommunications', geoLevel: 'national', geoCodes: [], periodFrom: '2023-01-01', personalData: false },
      ],
    });
  });
});
