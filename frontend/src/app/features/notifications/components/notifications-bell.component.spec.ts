import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import type { AppNotification, NotificationList } from '@convenio/contracts';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { signInAs } from '../../../../testing/session-testing';
import { provideAuthz } from '../../../core/authz/authz.service';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { authInterceptor } from '../../../core/session/auth.interceptor';
import { LOGOUT_URL } from '../../../core/session/session.api';
import { SessionService } from '../../../core/session/session.service';
import { NOTIFICATIONS_URL } from '../data-access/notifications.api';
import { BELL_POLL_MS, NotificationsBellComponent } from './notifications-bell.component';

function notification(id: string, overrides: Partial<AppNotification> = {}): AppNotification {
  return { id, kind: 'agreement_approved', params: { reference: `CNV-2026-000${id}` }, link: null, readAt: null, createdAt: '2026-03-02T18:00:00.000Z', ...overrides };
}

describe('NotificationsBellComponent', () => {
  let fixture: ComponentFixture<NotificationsBellComponent>;
  let backend: HttpTestingController;

  const el = (testId: string): HTMLElement | null => document.querySelector(`[data-testid="${testId}"]`);
  const all = (testId: string): HTMLElement[] => Array.from(document.querySelectorAll(`[data-testid="${testId}"]`));
  const text = (node: Element | null | undefined): string => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  async function answerList(list: NotificationList): Promise<void> {
    const request = backend.expectOne((r) => r.url === NOTIFICATIONS_URL && r.method === 'GET');
    expect(request.request.params.get('limit')).toBe('8');
    request.flush(list);
    await settle();
    await fixture.whenStable();
  }

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideI18n(),
        provideAuthz(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    await initializeApp();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(NotificationsBellComponent);
    await fixture.whenStable();
  });

  it('shows nothing and asks nothing while signed out', () => {
    expect(el('notifications-bell')).toBeNull();
    backend.expectNone(NOTIFICATIONS_URL);
  });

  it('shows the unread count once signed in and renders the latest items through i18n', async () => {
    await signInAs(['official']);
    await fixture.whenStable();
    await answerList({
      items: [
        notification('1', { kind: 'approval_assigned', params: { reference: 'CNV-2026-0001', step: 'Revisión jurídica', dueAt: '2026-03-10T18:00:00.000Z' }, link: '/convenios/1' }),
        notification('2', { readAt: '2026-03-02T19:00:00.000Z' }),
      ],
      unread: 3,
    });
    expect(text(el('notifications-unread'))).toBe('3');
    expect(el('notifications-bell')?.getAttribute('aria-label')).toBe('Notificaciones: 3 sin leer');

    el('notifications-bell')?.click();
    await fixture.whenStable();
    const items = all('notification-item');
    expect(items).toHaveLength(2);
    expect(text(items[0])).toContain('Tiene una revisión pendiente: «Revisión jurídica» del convenio CNV-2026-0001 (vence 10 mar 2026)');
    expect(text(items[1])).toContain('El convenio CNV-2026-0002 fue aprobado');
    expect(items[0].classList).toContain('unread');
    expect(items[1].classList).not.toContain('unread');
    expect(el('notifications-see-all')?.getAttribute('href')).toBe('/notificaciones');
  });

  it('marks one read when opened, and all read from the menu', async () => {
    await signInAs(['steward']);
    await fixture.whenStable();
    await answerList({ items: [notification('1'), notification('2')], unread: 2 });

    el('notifications-bell')?.click();
    await fixture.whenStable();
    all('notification-item')[0].click();
    const read = backend.expectOne(`${NOTIFICATIONS_URL}/1/read`);
    expect(read.request.method).toBe('POST');
    read.flush(notification('1', { readAt: '2026-03-03T10:00:00.000Z' }));
    await settle();
    await fixture.whenStable();
    expect(text(el('notifications-unread'))).toBe('1');

    el('notifications-bell')?.click();
    await fixture.whenStable();
    expect(text(el('notifications-mark-all'))).toBe('Marcar todo como leído');
    el('notifications-mark-all')?.click();
    backend.expectOne(`${NOTIFICATIONS_URL}/read-all`).flush({ updated: 1 });
    await settle();
    await fixture.whenStable();
    expect(el('notifications-unread')).toBeNull();
  });

  it('stops and forgets on sign-out', async () => {
    await signInAs(['partner']);
    await fixture.whenStable();
    await answerList({ items: [notification('1')], unread: 1 });
    void TestBed.inject(SessionService).logout();
    backend.expectOne(LOGOUT_URL).flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    await fixture.whenStable();
    expect(el('notifications-bell')).toBeNull();
    backend.expectNone(NOTIFICATIONS_URL);
  });

  it('polls every 30 seconds while signed in', async () => {
    const setIntervalSpy = jest.spyOn(globalThis, 'setInterval');
    try {
      await signInAs(['official']);
      await fixture.whenStable();
      backend.expectOne((r) => r.url === NOTIFICATIONS_URL).flush({ items: [], unread: 0 });
      const poll = setIntervalSpy.mock.calls.find(([, ms]) => ms === BELL_POLL_MS);
      expect(poll).toBeDefined();
      (poll?.[0] as () => void)();
      backend.expectOne((r) => r.url === NOTIFICATIONS_URL).flush({ items: [notification('9')], unread: 1 });
      await settle();
      await fixture.whenStable();
      expect(text(el('notifications-unread'))).toBe('1');
    } finally {
      setIntervalSpy.mockRestore();
    }
  });
});
