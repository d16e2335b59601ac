import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import type { Dataset, Page } from '@convenio/contracts';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { provideAuthz } from '../../../core/authz/authz.service';
import { errorInterceptor } from '../../../core/http/error.interceptor';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { PUBLIC_DATASETS_URL } from '../data-access/public-catalog.api';
import { PublicCatalogPageComponent } from './public-catalog-page.component';

const CENSUS = {
  id: '00000000-0000-4000-8000-00000000d001',
  ownerOrganizationName: 'INEGI',
  title: 'Censo de Población y Vivienda 2020, resultados por municipio',
  description: 'Población total, por sexo y grupos de edad.',
  periodicity: 'once',
  geoLevel: 'municipality',
} as Dataset;

describe('PublicCatalogPageComponent', () => {
  let fixture: ComponentFixture<PublicCatalogPageComponent>;
  let backend: HttpTestingController;
  const el = (testId: string): HTMLElement | null => fixture.nativeElement.querySelector(`[data-testid="${testId}"]`);

  beforeEach(async () => {
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
    fixture = TestBed.createComponent(PublicCatalogPageComponent);
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  it('lists the public datasets and offers the bulk downloads', async () => {
    const request = backend.expectOne((candidate) => candidate.url === PUBLIC_DATASETS_URL);
    expect(request.request.params.get('format')).toBe('json');
    request.flush({ items: [CENSUS], total: 1, page: 1, pageSize: 20 } satisfies Page<Dataset>);
    await settle();
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelectorAll('[data-testid="public-dataset"]')).toHaveLength(1);
    expect(el('public-dataset')?.textContent).toContain('Censo de Población y Vivienda 2020');
    expect(el('public-download-csv')?.getAttribute('href')).toBe('/api/v1/public/datasets?format=csv');
    expect(el('public-download-json')?.getAttribute('href')).toBe('/api/v1/public/datasets?format=json&pageSize=1000');
    expect(el('public-download-dcat')?.getAttribute('href')).toBe('/api/v1/catalog.jsonld');
  });
});
