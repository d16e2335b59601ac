import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Router, provideRouter } from '@angular/router';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { ORGANIZATION_ID, signInAs } from '../../../../testing/session-testing';
import { provideAuthz } from '../../../core/authz/authz.service';
import { errorInterceptor } from '../../../core/http/error.interceptor';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { DATASETS_URL } from '../../catalog/data-access/catalog.api';
import { ANONYMIZATION_JOBS_URL } from '../data-access/anonymization.api';
import { DATASET_ID, JOB_ID, dataset, job } from '../testing/anonymization-fixtures';
import { NewAnonymizationJobPageComponent } from './new-anonymization-job-page.component';

const CSV = ['curp,edad,municipio,ingreso,folio', 'AAAA000000HDFXXX00,34,09002,12000,1', 'BBBB000000MDFXXX00,41,09003,15000,2'].join('\n');

describe('NewAnonymizationJobPageComponent', () => {
  let fixture: ComponentFixture<NewAnonymizationJobPageComponent>;
  let backend: HttpTestingController;
  const el = (testId: string): HTMLElement | null => document.querySelector(`[data-testid="${testId}"]`);
  const all = (testId: string): HTMLElement[] => Array.from(document.querySelectorAll(`[data-testid="${testId}"]`));
  const row = (column: string): HTMLElement | null => document.querySelector(`[data-testid="column-action-row"][data-column="${column}"]`);

  async function stable(): Promise<void> {
    await settle();
    await fixture.whenStable();
  }

  async function open(datasetId?: string): Promise<void> {
    await signInAs(['steward']);
    fixture = TestBed.createComponent(NewAnonymizationJobPageComponent);
    if (datasetId) fixture.componentRef.setInput('datasetId', datasetId);
    await stable();
    const list = backend.expectOne((request) => request.url === DATASETS_URL);
    expect(list.request.params.get('owner')).toBe(ORGANIZATION_ID);
    list.flush({ items: [], total: 0, page: 1, pageSize: 100 });
    if (datasetId) backend.expectOne(`${DATASETS_URL}/${datasetId}`).flush(dataset());
    await stable();
  }

  async function chooseFile(text: string, name = 'padron.csv'): Promise<File> {
    const file = new File([text], name, { type: 'text/csv' });
    const input = el('job-file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    for (let i = 0; i < 5 && !el('sample-table'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      await stable();
    }
    return file;
  }

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        provideI18n(),
        provideAuthz(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    await initializeApp();
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('reads the sample, sets each column’s action from the catalog (?datasetId=) and sends the policy as multipart', async () => {
    await open(DATASET_ID);
    const file = await chooseFile(CSV);
    expect(el('sample-summary')?.textContent).toContain('5 columnas');
    expect(el('sample-summary')?.textContent).toContain('coma');
    expect(all('csv-row')).toHaveLength(2);
    expect(all('column-action-row').map((item) => [item.getAttribute('data-column'), item.getAttribute('data-action')])).toEqual([
      ['curp', 'pseudonymize'],
      ['edad', 'generalize'],
      ['municipio', 'generalize'],
      ['ingreso', 'sensitive'],
      ['folio', 'keep'],
    ]);
    expect(row('edad')?.querySelector<HTMLInputElement>('[data-testid="column-widths"]')?.value).toBe('5,10,20');
    expect(row('curp')?.querySelector('[data-testid="column-action-kind"]')?.textContent).toContain('Identificador directo');
    expect(el('policy-json')?.textContent).toContain('"type": "inegi"');

    el('job-submit')!.click();
    await stable();
    const post = backend.expectOne({ method: 'POST', url: ANONYMIZATION_JOBS_URL });
    const body = post.request.body as FormData;
    expect(body.get('datasetId')).toBe(DATASET_ID);
    expect((body.get('file') as File).name).toBe(file.name);
    expect(JSON.parse(body.get('policy') as string)).toEqual({
      k: 5,
      suppressionLimit: 0.05,
      columns: {
        curp: { action: 'pseudonymize' },
        edad: { action: 'generalize', hierarchy: { type: 'interval', widths: [5, 10, 20] } },
        municipio: { action: 'generalize', hierarchy: { type: 'inegi' } },
        ingreso: { action: 'sensitive' },
        folio: { action: 'keep' },
      },
    });
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    post.flush(job(), { status: 202, statusText: 'Accepted' });
    await stable();
    expect(navigate).toHaveBeenCalledWith(['/anonimizacion', JOB_ID]);
  });

  it('shows the API’s 400 details next to the columns and fields they name, with line numbers', async () => {
    await open();
    await chooseFile(CSV);
    // Without the catalog: CURP pseudonymized, the rest kept.
    expect(row('curp')?.getAttribute('data-action')).toBe('pseudonymize');
    expect(row('edad')?.getAttribute('data-action')).toBe('keep');

    el('job-submit')!.click();
    await stable();
    const post = backend.expectOne({ method: 'POST', url: ANONYMIZATION_JOBS_URL });
    expect((post.request.body as FormData).has('datasetId')).toBe(false);
    post.flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'The policy is not valid',
        details: [
          { path: 'folio', line: 12, message: 'holds an RFC: pseudonymize or drop it' },
          { path: 'policy.k', message: 'must be a whole number of at least 2' },
          { path: 'file', line: 40, message: 'has 4 cells, the header 5' },
          { path: 'policy.columns.telefono', message: 'is not a column of the file' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await stable();
    const folio = row('folio')?.querySelector('[data-testid="column-problem"]')?.textContent ?? '';
    expect(folio).toContain('Línea 12');
    expect(folio).toContain('holds an RFC');
    expect(row('curp')?.querySelector('[data-testid="column-problem"]')).toBeNull();
    expect(document.querySelector('mat-error')?.textContent).toContain('must be a whole number of at least 2');
    expect(el('file-problem')?.textContent).toContain('Línea 40: has 4 cells');
    expect(el('job-other-problems')?.textContent).toContain('policy.columns.telefono');
    expect(el('job-error')?.textContent).toContain('The policy is not valid');
  });

  it('asks for a file before sending, and refuses one too large without reading it', async () => {
    await open();
    el('job-submit')!.click();
    await stable();
    expect(el('file-problem')?.textContent).toContain('Elija el archivo CSV');
    backend.expectNone(ANONYMIZATION_JOBS_URL);

    const big = new File(['a'], 'enorme.csv');
    Object.defineProperty(big, 'size', { value: 300 * 1024 * 1024 });
    const input = el('job-file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [big], configurable: true });
    input.dispatchEvent(new Event('change'));
    await stable();
    expect(el('file-problem')?.textContent).toContain('200 MB');
    expect(el('sample-table')).toBeNull();
  });
});
