import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Router, provideRouter } from '@angular/router';
import type { ColumnProfile, CreateDatasetRequest, CsvProfile } from '@convenio/contracts';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { ORGANIZATION_ID, signInAs } from '../../../../testing/session-testing';
import { provideAuthz } from '../../../core/authz/authz.service';
import { errorInterceptor } from '../../../core/http/error.interceptor';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { CATALOG_USERS_URL, DATASETS_URL, PROFILE_URL, REFERENCE_URL } from '../data-access/catalog.api';
import { columnsFromProfile } from '../data-access/dataset-form';
import { DatasetEditorPageComponent } from './dataset-editor-page.component';

function column(name: string, index: number, overrides: Partial<ColumnProfile> = {}): ColumnProfile {
  return { name, index, inferredType: 'text', typeShare: 1, nullShare: 0, distinctCount: 3, detected: [], warnings: [], suggestedIdentifierKind: 'none', ...overrides };
}

const PROFILE: CsvProfile = {
  rows: 3,
  sampledRows: 3,
  sampled: false,
  bytes: 120,
  encoding: 'utf-8',
  bom: false,
  delimiter: ',',
  columns: [
    column('curp_titular', 0, { detected: [{ kind: 'curp', share: 1, confidence: 'high' }], suggestedIdentifierKind: 'direct', warnings: [{ code: 'UNIQUE_VALUES', message: 'every value differs' }] }),
    column('cve_mun', 1, { detected: [{ kind: 'inegi_municipality', share: 1, confidence: 'high' }], suggestedIdentifierKind: 'quasi' }),
    column('monto', 2, { inferredType: 'decimal', nullShare: 0.3333, distinctCount: 2 }),
  ],
  warnings: [],
};

describe('DatasetEditorPageComponent (new dataset)', () => {
  let fixture: ComponentFixture<DatasetEditorPageComponent>;
  let backend: HttpTestingController;

  const el = (testId: string): HTMLElement | null => fixture.nativeElement.querySelector(`[data-testid="${testId}"]`);
  const all = (testId: string): HTMLElement[] => Array.from(fixture.nativeElement.querySelectorAll(`[data-testid="${testId}"]`));

  async function stable(): Promise<void> {
    await settle();
    await fixture.whenStable();
  }

  function type(testId: string, value: string, within: ParentNode = fixture.nativeElement): void {
    const input = within.querySelector(`[data-testid="${testId}"]`) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  async function upload(): Promise<void> {
    const input = el('profile-upload') as HTMLInputElement;
    const file = new File(['curp_titular,cve_mun,monto\n'], 'muestra.csv', { type: 'text/csv' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    await stable();
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
    await signInAs(['steward']);
    fixture = TestBed.createComponent(DatasetEditorPageComponent);
    await stable();
    backend.expectOne(`${REFERENCE_URL}/states`).flush([{ code: '14', name: 'Jalisco', abbreviation: 'Jal.', curpCode: 'JC', municipalityCount: 125 }]);
    const stewards = backend.expectOne((request) => request.url === CATALOG_USERS_URL);
    expect(stewards.request.params.get('role')).toBe('steward');
    expect(stewards.request.params.get('organizationId')).toBe(ORGANIZATION_ID);
    stewards.flush({ items: [], total: 0, page: 1, pageSize: 200 });
    await stable();
  });

  afterEach(() => backend.verify());

  it('profiles a sample CSV and maps the accepted suggestions into the columns list', async () => {
    el('column-add')?.click();
    await stable();
    type('column-name', 'monto');
    type('column-description', 'Monto del apoyo en pesos');
    await stable();

    await upload();
    const request = backend.expectOne(PROFILE_URL);
    expect(request.request.method).toBe('POST');
    expect((request.request.body as FormData).get('file')).toBeInstanceOf(File);
    request.flush(PROFILE);
    await stable();

    const profiled = all('profile-column');
    expect(profiled.map((row) => row.getAttribute('data-suggested'))).toEqual(['direct', 'quasi', 'none']);
    expect(profiled[0].textContent).toContain('CURP');
    expect(profiled[0].textContent).toContain('Cada valor es distinto');
    expect(profiled[2].textContent).toContain('33.3');

    el('profile-accept')?.click();
    await stable();
    const rows = all('column-row');
    expect(rows.map((row) => (row.querySelector('[data-testid="column-name"]') as HTMLInputElement).value)).toEqual(['curp_titular', 'cve_mun', 'monto']);
    expect(rows.map((row) => row.getAttribute('data-kind'))).toEqual(['direct', 'quasi', 'none']);
    expect(rows[0].classList.contains('direct')).toBe(true);
    expect((rows[2].querySelector('[data-testid="column-description"]') as HTMLInputElement).value).toBe('Monto del apoyo en pesos');
    expect(rows[2].textContent).toContain('Decimal');
  });

  it('says clearly when the profiling endpoint is not there', async () => {
    await upload();
    backend.expectOne(PROFILE_URL).flush({ statusCode: 404, error: 'Not Found', message: 'Cannot POST /api/v1/catalog/profile' }, { status: 404, statusText: 'Not Found' });
    await stable();
    expect(el('profile-error')?.textContent).toContain('aún no está disponible');
    expect(el('profile-accept')).toBeNull();
  });

  it('saves a draft with every field, and shows the API field errors next to the fields', async () => {
    type('dataset-field-title', 'Padrón de prueba');
    type('dataset-field-description', 'Un padrón inventado para probar el editor.');
    fixture.componentInstance['form'].controls.themes.setValue(['economy']);
    fixture.componentInstance['form'].controls.geoLevel.setValue('state');
    await stable();
    for (const [testId, value] of [['dataset-field-keywords', 'apoyos'], ['dataset-field-geoCodes', '14']]) {
      const chips = el(testId) as HTMLInputElement;
      chips.value = value;
      chips.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 13, bubbles: true }));
      await stable();
      chips.dispatchEvent(new Event('blur'));
      await stable();
    }
    // The chips show names (“14 · Jalisco”) but the values stay codes.
    expect(all('dataset-field-geoCodes-chip').map((chip) => chip.textContent?.trim())).toEqual([expect.stringContaining('14 · Jalisco')]);
    (el('dataset-save') as HTMLButtonElement).click();
    await stable();
    const post = backend.expectOne(DATASETS_URL);
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual(
      expect.objectContaining({
        title: 'Padrón de prueba',
        titleEn: null,
        themes: ['economy'],
        keywords: ['apoyos'],
        sensitivity: 'internal',
        geoLevel: 'state',
        geoCodes: ['14'],
        columns: [],
        timeFrom: null,
        status: 'draft',
      } satisfies Partial<CreateDatasetRequest>),
    );
    expect(post.request.body).not.toHaveProperty('stewardId');
    post.flush(
      { statusCode: 400, error: 'Bad Request', message: 'Invalid dataset', details: [{ path: 'body.title', message: 'already used by another dataset' }, { path: 'body.somethingElse', message: 'odd' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await stable();
    expect(el('dataset-save-error')?.textContent).toContain('Revise los campos marcados');
    expect(fixture.nativeElement.querySelector('mat-form-field mat-error')?.textContent).toContain('already used by another dataset');
    expect(el('dataset-save-details')?.textContent).toContain('somethingElse: odd');

    // Changing the field clears the server's error; the next save goes through.
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    type('dataset-field-title', 'Padrón de prueba 2');
    await stable();
    (el('dataset-save') as HTMLButtonElement).click();
    await stable();
    backend.expectOne(DATASETS_URL).flush({ id: 'new-id' });
    await stable();
    expect(navigate).toHaveBeenCalledWith(['/catalogo', 'new-id']);
  });
});

describe('columnsFromProfile', () => {
  it('keeps descriptions and a person\'s "sensitive", adds new columns in file order, keeps the others at the end', () => {
    const existing = [
      { name: 'Extra', type: 'text' as const, identifierKind: 'none' as const, description: 'a mano' },
      { name: 'MONTO', type: 'integer' as const, identifierKind: 'sensitive' as const, description: 'pesos' },
    ];
    expect(columnsFromProfile(existing, PROFILE)).toEqual([
      { name: 'curp_titular', type: 'text', identifierKind: 'direct', description: '' },
      { name: 'cve_mun', type: 'text', identifierKind: 'quasi', description: '' },
      { name: 'MONTO', type: 'decimal', identifierKind: 'sensitive', description: 'pesos' },
      { name: 'Extra', type: 'text', identifierKind: 'none', description: 'a mano' },
    ]);
  });
});
