import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { LanguageService } from '../../../core/i18n/language.service';
import { CANDIDATES, DENUE, NEED_ENERGY, NEED_RETAIL, SALES, diagnostic, need } from '../testing/diagnostic-fixtures';
import { type AssignEvent, CandidatesStepComponent, type RequestDataEvent } from './candidates-step.component';

describe('CandidatesStepComponent', () => {
  let fixture: ComponentFixture<CandidatesStepComponent>;
  const el = (testId: string): HTMLElement | null => fixture.nativeElement.querySelector(`[data-testid="${testId}"]`);
  const text = (testId: string): string => el(testId)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  async function render(needs = diagnostic().needs, canEdit = true, language: 'es-MX' | 'en' = 'es-MX'): Promise<void> {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideI18n(), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }] });
    await initializeApp();
    if (language !== 'es-MX') await TestBed.inject(LanguageService).use(language);
    fixture = TestBed.createComponent(CandidatesStepComponent);
    fixture.componentRef.setInput('needs', needs);
    fixture.componentRef.setInput('candidates', CANDIDATES);
    fixture.componentRef.setInput('canEdit', canEdit);
    await settle();
    await fixture.whenStable();
  }

  it('lists the candidates of each need best first, with their owner and translated reasons', async () => {
    await render();
    expect(text('candidate-0-0')).toContain('Ventas al menudeo por municipio y categoría');
    expect(text('candidate-0-0')).toContain('RetailMX S.A. de C.V. · Privado');
    const chips = Array.from(el('candidate-0-0')?.querySelectorAll('mat-chip') ?? []).map((chip) => chip.textContent?.trim());
    expect(chips).toEqual(['Mismo tema', 'Mismo nivel geográfico', 'Cubre 1 de 2 claves SCIAN']);
    expect(text('candidate-0-1')).toContain('Nivel más fino (se puede agregar)');
    expect(el('candidate-assign-0-0')).not.toBeNull();
    expect(el('candidate-assign-0-1')).not.toBeNull();
  });

  it('emits the assignment and highlights the assigned candidate', async () => {
    const assigned = need({ assignedDatasetId: SALES, assignedDatasetTitle: 'Ventas al menudeo por municipio y categoría', assignedOrganizationName: 'RetailMX S.A. de C.V.' });
    await render([assigned, diagnostic().needs[1]]);
    expect(el('candidate-0-0')?.classList.contains('assigned')).toBe(true);
    expect(el('candidate-assign-0-0')).toBeNull();
    expect(text('need-assigned-0')).toContain('RetailMX S.A. de C.V.');
    const events: AssignEvent[] = [];
    fixture.componentInstance.assign.subscribe((event) => events.push(event));
    el('candidate-assign-0-1')?.click();
    expect(events).toEqual([{ needId: NEED_RETAIL, datasetId: DENUE }]);
  });

  it('offers a data request for a need without candidates', async () => {
    await render();
    expect(text('candidates-empty-1')).toBe('Ningún conjunto del catálogo atiende esta necesidad.');
    const events: RequestDataEvent[] = [];
    fixture.componentInstance.requestData.subscribe((event) => events.push(event));
    el('request-data-1')?.click();
    expect(events).toEqual([{ needId: NEED_ENERGY, needIndex: 1 }]);
  });

  it('shows no actions to someone who cannot edit, and speaks English', async () => {
    await render(diagnostic().needs, false, 'en');
    expect(el('candidate-assign-0-0')).toBeNull();
    expect(el('request-data-1')).toBeNull();
    const chips = Array.from(el('candidate-0-0')?.querySelectorAll('mat-chip') ?? []).map((chip) => chip.textContent?.trim());
    expect(chips).toEqual(['Same theme', 'Same geographic level', 'Covers 1 of 2 SCIAN codes']);
  });
});
