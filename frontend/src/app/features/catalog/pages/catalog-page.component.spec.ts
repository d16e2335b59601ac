import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, type TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Dataset, DatasetSearchResult } from '@convenio/contracts';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { signInAs } from '../../../../testing/session-testing';
import { provideAuthz } from '../../../core/authz/authz.service';
import { errorInterceptor } from '../../../core/http/error.interceptor';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { DATASETS_URL } from '../data-access/catalog.api';
import { CatalogPageComponent } from './catalog-page.component';

const INEGI = '00000000-0000-4000-8000-0000000000a1';

function dataset(id: string, title: string, overrides: Partial<Dataset> = {}): Dataset {
  return {
    id,
    ownerOrganizationId: INEGI,
    ownerOrganizationName: 'INEGI',
    ownerSector: 'public',
    title,
    titleEn: null,
    description: 'Población total por municipio.',
    descriptionEn: null,
    themes: ['population'],
    keywords: ['censo'],
    sensitivity: 'public',
    geoLevel: 'municipality',
    geoCodes: [],
    sectorLevel: null,
    sectorCodes: [],
    periodicity: 'once',
    timeFrom: '2020-03-15',
    timeTo: null,
    columns: [],
    lineageNamespace: null,
    lineageName: null,
    status: 'published',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    publishedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

function result(items: Dataset[]): DatasetSearchResult {
  return {
    items,
    total: items.length,
    page: 1,
    pageSize: 20,
    facets: {
      themes: [{ value: 'population', count: 2 }, { value: 'economy', count: 1 }],
      owners: [{ value: INEGI, label: 'INEGI', count: 2 }],
      sensitivities: [{ value: 'public', count: 2 }],
      geoLevels: [{ value: 'municipality', count: 2 }],
    },
  };
}

describe('CatalogPageComponent (search, facets, URL)', () => {
  let harness: RouterTestingHarness;
  let backend: HttpTestingController;

  const root = (): HTMLElement => harness.routeNativeElement as HTMLElement;
  const all = (testId: string): HTMLElement[] => Array.from(root().querySelectorAll(`[data-testid="${testId}"]`));
  const el = (testId: string): HTMLElement | null => root().querySelector(`[data-testid="${testId}"]`);

  async function start(url: string, roles: Parameters<typeof signInAs>[0] | null = null): Promise<void> {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'catalogo', component: CatalogPageComponent }], withComponentInputBinding()),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        provideI18n(),
        provideAuthz(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    await initializeApp();
    backend = TestBed.inject(HttpTestingController);
    if (roles) await signInAs(roles);
    harness = await RouterTestingHarness.create(url);
  }

  function search(): TestRequest {
    return backend.expectOne((request) => request.url === DATASETS_URL);
  }

  async function answer(request: TestRequest, body: DatasetSearchResult): Promise<void> {
    request.flush(body);
    await settle();
    await harness.fixture.whenStable();
  }

  afterEach(() => backend.verify());

  it('searches what the URL says and renders the results with translated terms', async () => {
    await start('/catalogo?q=poblacion&sensitivity=public');
    const request = search();
    expect(request.request.params.get('q')).toBe('poblacion');
    expect(request.request.params.get('sensitivity')).toBe('public');
    expect(request.request.params.get('page')).toBe('1');
    await answer(request, result([dataset('d1', 'Censo de Población y Vivienda 2020'), dataset('d2', 'Marco Geoestadístico')]));

    const cards = all('dataset-card');
    expect(cards).toHaveLength(2);
    expect(cards[0].textContent).toContain('Censo de Población y Vivienda 2020');
    expect(cards[0].textContent).toContain('INEGI');
    expect(cards[0].querySelector('[data-testid="dataset-card-sensitivity"]')?.textContent?.trim()).toBe('Pública');
    expect(cards[0].textContent).toContain('Municipal');
    expect(cards[0].textContent).toContain('Población');
    expect((el('catalog-search') as HTMLInputElement).value).toBe('poblacion');
    expect(el('facet-sensitivity-public')?.querySelector('input')?.checked).toBe(true);
    expect(el('facet-theme-population')?.textContent).toContain('(2)');
    expect(el('dataset-new')).toBeNull();
  });

  it('a facet click updates the URL and searches again; a second click unchecks it', async () => {
    await start('/catalogo?q=poblacion');
    await answer(search(), result([dataset('d1', 'Censo')]));

    el('facet-theme-population')?.querySelector('input')?.click();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/catalogo?q=poblacion&theme=population');
    const filtered = search();
    expect(filtered.request.params.get('theme')).toBe('population');
    expect(filtered.request.params.get('q')).toBe('poblacion');
    await answer(filtered, result([dataset('d1', 'Censo')]));
    expect(el('facet-theme-population')?.querySelector('input')?.checked).toBe(true);

    el('facet-owner-' + INEGI)?.querySelector('input')?.click();
    await settle();
    const byOwner = search();
    expect(byOwner.request.params.get('owner')).toBe(INEGI);
    expect(byOwner.request.params.get('theme')).toBe('population');
    await answer(byOwner, result([dataset('d1', 'Censo')]));

    el('facet-theme-population')?.querySelector('input')?.click();
    await settle();
    expect(TestBed.inject(Router).url).toBe(`/catalogo?q=poblacion&owner=${INEGI}`);
    const unchecked = search();
    expect(unchecked.request.params.has('theme')).toBe(false);
    await answer(unchecked, result([dataset('d1', 'Censo')]));
  });

  it('searches on Enter and shows the empty state, with a way back to everything', async () => {
    await start('/catalogo');
    await answer(search(), result([dataset('d1', 'Censo')]));
    const input = el('catalog-search') as HTMLInputElement;
    input.value = 'nada que encontrar';
    input.dispatchEvent(new Event('input'));
    (root().querySelector('form.search') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await settle();
    expect(TestBed.inject(Router).url).toBe('/catalogo?q=nada%20que%20encontrar');
    await answer(search(), { ...result([]), facets: { themes: [], owners: [], sensitivities: [], geoLevels: [] } });
    expect(all('dataset-card')).toHaveLength(0);
    expect(el('catalog-empty')?.textContent).toContain('Ningún conjunto de datos coincide');

    el('catalog-clear')?.click();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/catalogo');
    await answer(search(), result([dataset('d1', 'Censo')]));
    expect(all('dataset-card')).toHaveLength(1);
    expect((el('catalog-search') as HTMLInputElement).value).toBe('');
  });

  it('offers "Nuevo conjunto de datos" to a steward', async () => {
    await start('/catalogo', ['steward']);
    await answer(search(), result([]));
    expect(el('dataset-new')?.getAttribute('href')).toBe('/catalogo/nuevo');
  });

  it('says what went wrong when the search fails', async () => {
    await start('/catalogo');
    search().flush({ statusCode: 503, error: 'Service Unavailable', message: 'down' }, { status: 503, statusText: 'Service Unavailable' });
    await settle();
    await harness.fixture.whenStable();
    expect(el('catalog-error')?.textContent).toContain('El servidor tuvo un problema');
  });
});
