import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Dataset, DatasetAccessPolicy, Role } from '@convenio/contracts';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { ORGANIZATION_ID, signInAs } from '../../../../testing/session-testing';
import { provideAuthz } from '../../../core/authz/authz.service';
import { errorInterceptor } from '../../../core/http/error.interceptor';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { LanguageService } from '../../../core/i18n/language.service';
import { CATALOG_ORGANIZATIONS_URL, DATASETS_URL } from '../data-access/catalog.api';
import { DatasetPageComponent } from './dataset-page.component';

const ID = '00000000-0000-4000-8000-00000000d001';
const OTHER_ORGANIZATION = '00000000-0000-4000-8000-0000000000b2';

function dataset(ownerOrganizationId: string): Dataset {
  return {
    id: ID,
    ownerOrganizationId,
    ownerOrganizationName: 'INEGI',
    ownerSector: 'public',
    title: 'Registro administrativo de nacimientos',
    titleEn: 'Administrative birth records',
    description: 'Nacimientos registrados con la CURP de la persona registrada.',
    descriptionEn: 'Registered births with the CURP of the registered person.',
    themes: ['population', 'health'],
    keywords: ['natalidad'],
    sensitivity: 'restricted',
    geoLevel: 'state',
    geoCodes: ['09', '14'],
    sectorLevel: null,
    sectorCodes: [],
    periodicity: 'annual',
    timeFrom: '2015-01-01',
    timeTo: null,
    columns: [
      { name: 'curp', type: 'text', identifierKind: 'direct', description: 'CURP' },
      { name: 'edad_madre', type: 'integer', identifierKind: 'quasi' },
    ],
    qualityNotes: 'Registros validados contra RENAPO.',
    lineageNamespace: 'postgres://inegi-dw',
    lineageName: 'natalidad.registros',
    status: 'published',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    publishedAt: '2026-01-01T00:00:00.000Z',
  };
}

const POLICY: DatasetAccessPolicy = {
  datasetId: ID,
  version: 2,
  metadata: { everyone: false, signedIn: true, sectors: [], organizationIds: [] },
  request: { everyone: false, signedIn: false, sectors: ['public'], organizationIds: [] },
  hiddenColumns: [{ column: 'curp', hiddenFrom: 'everyone' }],
  rules: [],
  sentences: [
    'Todas las personas con sesión iniciada pueden ver la descripción de este conjunto de datos.',
    'Las organizaciones del sector público pueden solicitar este conjunto de datos.',
    'La columna `curp` nunca se muestra.',
  ],
  createdAt: '2026-02-01T00:00:00.000Z',
  createdById: null,
};

describe('DatasetPageComponent', () => {
  let harness: RouterTestingHarness;
  let backend: HttpTestingController;

  const root = (): HTMLElement => harness.routeNativeElement as HTMLElement;
  const el = (testId: string): HTMLElement | null => root().querySelector(`[data-testid="${testId}"]`);
  const text = (testId: string): string => el(testId)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  async function open(ownerOrganizationId: string, roles: Role[] | null, language: 'es-MX' | 'en' = 'es-MX'): Promise<void> {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'catalogo/:id', component: DatasetPageComponent }], withComponentInputBinding()),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        provideI18n(),
        provideAuthz(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    await initializeApp();
    if (language !== 'es-MX') await TestBed.inject(LanguageService).use(language);
    backend = TestBed.inject(HttpTestingController);
    if (roles) await signInAs(roles);
    harness = await RouterTestingHarness.create(`/catalogo/${ID}`);
    backend.expectOne(`${DATASETS_URL}/${ID}`).flush(dataset(ownerOrganizationId));
    backend.expectOne(`${DATASETS_URL}/${ID}/access-policy`).flush(POLICY);
    await settle();
    await harness.fixture.whenStable();
  }

  afterEach(() => backend.verify());

  it('shows the public the description, coverage, columns and the policy as sentences, without editing', async () => {
    await open(OTHER_ORGANIZATION, null);
    expect(text('dataset-title')).toBe('Registro administrativo de nacimientos');
    expect(text('dataset-description')).toContain('Nacimientos registrados');
    expect(text('dataset-sensitivity')).toBe('Restringida');
    expect(text('dataset-geo')).toContain('Estatal');
    expect(text('dataset-geo')).toContain('Ciudad de México (09)');
    expect(text('dataset-periodicity')).toBe('Anual');
    expect(text('dataset-lineage')).toBe('postgres://inegi-dw / natalidad.registros');
    expect(text('dataset-quality')).toBe('Registros validados contra RENAPO.');
    const sentences = Array.from(el('policy-sentences')?.querySelectorAll('li') ?? []).map((item) => item.textContent?.trim());
    expect(sentences).toEqual(POLICY.sentences);
    expect(text('policy-version')).toBe('Versión 2');
    const columns = root().querySelectorAll('[data-testid="column-row"]');
    expect(columns).toHaveLength(2);
    expect(columns[0].getAttribute('data-kind')).toBe('direct');
    expect(columns[0].classList.contains('direct')).toBe(true);
    expect(columns[0].textContent).toContain('Identificador directo');
    expect(el('dataset-edit')).toBeNull();
    expect(el('policy-editor')).toBeNull();
    expect(el('explain-panel')).toBeNull();
  });

  it('hides editing from a steward of another organization', async () => {
    await open(OTHER_ORGANIZATION, ['steward']);
    expect(el('policy-sentences')).not.toBeNull();
    expect(el('dataset-edit')).toBeNull();
    expect(el('policy-editor')).toBeNull();
    expect(el('explain-panel')).toBeNull();
  });

  it('lets a steward of the owner edit the dataset and its policy, and explain access', async () => {
    await open(ORGANIZATION_ID, ['steward']);
    backend.expectOne(`${DATASETS_URL}/${ID}/access-policy/versions`).flush([POLICY]);
    backend.expectOne((request) => request.url === CATALOG_ORGANIZATIONS_URL).flush({ items: [], total: 0, page: 1, pageSize: 200 });
    await settle();
    await harness.fixture.whenStable();
    expect(el('dataset-edit')?.getAttribute('href')).toBe(`/catalogo/${ID}/editar`);
    expect(el('policy-editor')).not.toBeNull();
    expect(el('explain-panel')).not.toBeNull();
    expect(root().querySelectorAll('[data-testid="policy-version-item"]')).toHaveLength(1);
  });

  it('lets an official explain access without editing', async () => {
    await open(OTHER_ORGANIZATION, ['official']);
    backend.expectOne(`${DATASETS_URL}/${ID}/access-policy/versions`).flush([POLICY]);
    await settle();
    await harness.fixture.whenStable();
    expect(el('explain-panel')).not.toBeNull();
    expect(el('dataset-edit')).toBeNull();
    expect(el('policy-editor')).toBeNull();
  });

  it('reads the English title and description when the portal is in English', async () => {
    await open(OTHER_ORGANIZATION, null, 'en');
    expect(text('dataset-title')).toBe('Administrative birth records');
    expect(text('dataset-description')).toBe('Registered births with the CURP of the registered person.');
    expect(text('dataset-sensitivity')).toBe('Restricted');
  });
});
