import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Dataset, DatasetAccessPolicy, LineageColumns, LineagePersonalData, Role } from '@convenio/contracts';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { ORGANIZATION_ID, signInAs } from '../../../../testing/session-testing';
import { provideAuthz } from '../../../core/authz/authz.service';
import { errorInterceptor } from '../../../core/http/error.interceptor';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { LanguageService } from '../../../core/i18n/language.service';
import { LINEAGE_COLUMNS_URL, LINEAGE_PERSONAL_DATA_URL } from '../../lineage/data-access/lineage.api';
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

const LINEAGE_NS = 'postgres://inegi-dw';
const NO_PERSONAL_DATA: LineagePersonalData = { dataset: { namespace: LINEAGE_NS, name: 'natalidad.registros' }, fields: [] };
const NO_COLUMNS: LineageColumns = { dataset: { namespace: LINEAGE_NS, name: 'natalidad.registros', catalog: null }, fields: [], edges: [] };

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

  /** Answers the "personal data in lineage" section's two requests (people who may read the lineage graph). */
  async function answerLineage(personal: LineagePersonalData = NO_PERSONAL_DATA, columns: LineageColumns = NO_COLUMNS): Promise<void> {
    const personalRequest = backend.expectOne((request) => request.url === LINEAGE_PERSONAL_DATA_URL);
    expect(personalRequest.request.params.get('dataset')).toBe(`${LINEAGE_NS}:natalidad.registros`);
    const columnsRequest = backend.expectOne((request) => request.url === LINEAGE_COLUMNS_URL);
    expect(columnsRequest.request.params.get('dataset')).toBe(`${LINEAGE_NS}:natalidad.registros`);
    expect(columnsRequest.request.params.get('direction')).toBe('downstream');
    expect(columnsRequest.request.params.get('depth')).toBe('10');
    personalRequest.flush(personal);
    columnsRequest.flush(columns);
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
    expect(el('personal-data-section')).toBeNull();
  });

  it('hides editing from a steward of another organization', async () => {
    await open(OTHER_ORGANIZATION, ['steward']);
    await answerLineage();
    expect(el('policy-sentences')).not.toBeNull();
    expect(el('dataset-edit')).toBeNull();
    expect(el('policy-editor')).toBeNull();
    expect(el('explain-panel')).toBeNull();
  });

  it('lets a steward of the owner edit the dataset and its policy, and explain access', async () => {
    await open(ORGANIZATION_ID, ['steward']);
    await answerLineage();
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
    await answerLineage();
    backend.expectOne(`${DATASETS_URL}/${ID}/access-policy/versions`).flush([POLICY]);
    await settle();
    await harness.fixture.whenStable();
    expect(el('explain-panel')).not.toBeNull();
    expect(el('dataset-edit')).toBeNull();
    expect(el('policy-editor')).toBeNull();
  });

  it('shows the personal data the lineage finds in the dataset and the datasets receiving it', async () => {
    await open(OTHER_ORGANIZATION, ['auditor']);
    await answerLineage(
      {
        dataset: { namespace: LINEAGE_NS, name: 'natalidad.registros' },
        fields: [
          { field: 'curp', kind: 'direct', declared: true, origins: [] },
          { field: 'curp_madre', kind: 'direct', declared: false, origins: [{ namespace: LINEAGE_NS, name: 'renapo.personas', field: 'curp', kind: 'direct' }] },
        ],
      },
      {
        ...NO_COLUMNS,
        edges: [
          {
            source: { namespace: LINEAGE_NS, name: 'natalidad.registros', field: 'curp' },
            target: { namespace: LINEAGE_NS, name: 'salud.nacimientos', field: 'curp' },
            transformationType: 'DIRECT',
            transformationSubtype: 'IDENTITY',
            description: null,
            masking: false,
            runId: null,
            depth: 1,
            personalData: 'direct',
          },
          {
            source: { namespace: LINEAGE_NS, name: 'natalidad.registros', field: 'curp' },
            target: { namespace: LINEAGE_NS, name: 'natalidad.publica', field: 'curp_hash' },
            transformationType: 'INDIRECT',
            transformationSubtype: 'HASH',
            description: null,
            masking: true,
            runId: null,
            depth: 1,
            personalData: null,
          },
        ],
      },
    );
    backend.expectOne(`${DATASETS_URL}/${ID}/access-policy/versions`).flush([POLICY]);
    await settle();
    await harness.fixture.whenStable();

    expect(el('personal-data-section')?.querySelector('h2')?.textContent).toBe('Datos personales en el linaje');
    expect(el('personal-data-explorer-link')?.getAttribute('href')).toBe('/linaje?node=dataset:postgres:%2F%2Finegi-dw:natalidad.registros');
    const fields = Array.from(root().querySelectorAll('[data-testid="personal-data-field"]'));
    expect(fields.map((row) => row.getAttribute('data-declared'))).toEqual(['true', 'false']);
    expect(fields[0].textContent).toContain('Declarado en el catálogo');
    expect(fields[1].textContent).toContain('Derivado por el linaje');
    expect(fields[1].textContent).toContain('renapo.personas');
    const receivers = Array.from(root().querySelectorAll('[data-testid="personal-data-receiver"]'));
    expect(receivers.map((link) => link.textContent?.trim())).toEqual(['salud.nacimientos']);
    expect(el('personal-data-downstream')?.querySelectorAll('[data-testid="column-edge"]')).toHaveLength(1);
  });

  it('says so when the lineage has not recorded the dataset', async () => {
    await open(OTHER_ORGANIZATION, ['steward']);
    backend.expectOne((request) => request.url === LINEAGE_PERSONAL_DATA_URL).flush({ statusCode: 404, error: 'Not Found', message: 'unknown dataset' }, { status: 404, statusText: 'Not Found' });
    backend.expectOne((request) => request.url === LINEAGE_COLUMNS_URL).flush({ statusCode: 404, error: 'Not Found', message: 'unknown dataset' }, { status: 404, statusText: 'Not Found' });
    await settle();
    await harness.fixture.whenStable();
    expect(text('personal-data-error')).toBe('El linaje todavía no registra este conjunto de datos.');
  });

  it('reads the English title and description when the portal is in English', async () => {
    await open(OTHER_ORGANIZATION, null, 'en');
    expect(text('dataset-title')).toBe('Administrative birth records');
    expect(text('dataset-description')).toBe('Registered births with the CURP of the registered person.');
    expect(text('dataset-sensitivity')).toBe('Restricted');
  });
});
