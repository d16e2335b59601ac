import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import type { AuditEntry, AuditVerification, Page, Role } from '@convenio/contracts';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { signInAs } from '../../../../testing/session-testing';
import { provideAuthz } from '../../../core/authz/authz.service';
import { errorInterceptor } from '../../../core/http/error.interceptor';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { authInterceptor } from '../../../core/session/auth.interceptor';
import { AUDIT_URL } from '../data-access/audit.api';
import { AuditPageComponent } from './audit-page.component';

function entry(id: string, action: string): AuditEntry {
  return {
    id,
    at: '2026-03-01T18:30:00.000Z',
    actorId: '00000000-0000-4000-8000-000000000001',
    actorLabel: 'admin@convenio.test',
    organizationId: null,
    action,
    subjectType: 'Organization',
    subjectId: '00000000-0000-4000-8000-0000000000d1',
    before: null,
    after: { name: 'Datos Abiertos S.C.' },
    requestId: 'req-123',
    prevHash: '0'.repeat(64),
    hash: 'a'.repeat(64),
  };
}

describe('AuditPageComponent', () => {
  let fixture: ComponentFixture<AuditPageComponent>;
  let backend: HttpTestingController;

  const el = (testId: string): HTMLElement | null => fixture.nativeElement.querySelector(`[data-testid="${testId}"]`);
  const text = (testId: string): string => el(testId)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  async function render(roles: Role[], items: AuditEntry[] = [entry('2', 'organization.created'), entry('1', 'dataset.published')]): Promise<void> {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor, errorInterceptor])),
        provideHttpClientTesting(),
        provideI18n(),
        provideAuthz(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    await initializeApp();
    backend = TestBed.inject(HttpTestingController);
    await signInAs(roles);
    fixture = TestBed.createComponent(AuditPageComponent);
    await fixture.whenStable();
    const list = backend.expectOne((request) => request.url === AUDIT_URL);
    expect(list.request.params.get('page')).toBe('1');
    expect(list.request.params.get('pageSize')).toBe('50');
    list.flush({ items, total: items.length, page: 1, pageSize: 50 } satisfies Page<AuditEntry>);
    await settle();
    await fixture.whenStable();
  }

  async function verify(answer: AuditVerification): Promise<void> {
    el('audit-verify')?.click();
    await fixture.whenStable();
    backend.expectOne(`${AUDIT_URL}/verify`).flush(answer);
    await settle();
    await fixture.whenStable();
  }

  afterEach(() => backend.verify());

  it('shows an intact chain with the number of entries checked', async () => {
    await render(['auditor']);
    expect(el('audit-verify-result')).toBeNull();
    await verify({ valid: true, entriesChecked: 1234, firstInvalidEntryId: null, reason: null });
    expect(el('audit-verify-result')?.getAttribute('data-valid')).toBe('true');
    expect(text('audit-verify-summary')).toBe('La cadena de auditoría está íntegra.');
    expect(text('audit-verify-count')).toBe('1,234');
    expect(el('audit-verify-first-invalid')).toBeNull();
  });

  it('shows a broken chain with the first invalid entry and the reason', async () => {
    await render(['auditor']);
    await verify({ valid: false, entriesChecked: 41, firstInvalidEntryId: '42', reason: 'hash mismatch' });
    expect(el('audit-verify-result')?.getAttribute('data-valid')).toBe('false');
    expect(text('audit-verify-summary')).toBe('La cadena de auditoría está rota.');
    expect(text('audit-verify-count')).toBe('41');
    expect(text('audit-verify-first-invalid')).toBe('42');
    expect(text('audit-verify-reason')).toBe('hash mismatch');
  });

  it('offers "Verificar cadena" and "Exportar" only to whoever may verify and export (not an official)', async () => {
    await render(['official']);
    expect(el('audit-verify')).toBeNull();
    expect(el('audit-export')).toBeNull();
    expect(el('audit-table')).not.toBeNull();
  });

  it('names known actions in words and shows unknown ones as recorded; rows expand to before/after', async () => {
    await render(['auditor']);
    const actions = Array.from(fixture.nativeElement.querySelectorAll('[data-testid="audit-action"]') as NodeListOf<HTMLElement>).map((cell) => cell.textContent?.trim());
    expect(actions).toEqual(['Organización creada', 'dataset.published']);
    expect(el('audit-entry-detail')).toBeNull();
    el('audit-expand')?.click();
    await fixture.whenStable();
    expect(text('audit-after')).toContain('"name": "Datos Abiertos S.C."');
  });
});
