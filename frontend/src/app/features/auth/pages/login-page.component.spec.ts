import { Component } from '@angular/core';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { flushMicrotasks, meResponse, sessionUser, tokenPair } from '../../../../testing/session-testing';
import { provideAuthz } from '../../../core/authz/authz.service';
import { errorInterceptor } from '../../../core/http/error.interceptor';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { LanguageService } from '../../../core/i18n/language.service';
import { authInterceptor } from '../../../core/session/auth.interceptor';
import { LOGIN_URL, ME_URL } from '../../../core/session/session.api';
import { SessionService } from '../../../core/session/session.service';
import { LoginPageComponent, safeReturnUrl } from './login-page.component';

@Component({ template: 'destination' })
class DestinationComponent {}

describe('LoginPageComponent', () => {
  let fixture: ComponentFixture<LoginPageComponent>;
  let backend: HttpTestingController;

  const el = (testId: string): HTMLElement | null => fixture.nativeElement.querySelector(`[data-testid="${testId}"]`);
  const text = (testId: string): string => el(testId)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'usuarios', component: DestinationComponent }]),
        provideHttpClient(withInterceptors([authInterceptor, errorInterceptor])),
        provideHttpClientTesting(),
        provideI18n(),
        provideAuthz(),
      ],
    });
    await initializeApp();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(LoginPageComponent);
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  function type(testId: string, value: string): void {
    const input = el(testId) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  async function submit(email = 'admin@convenio.test', password = 'convenio-demo'): Promise<void> {
    type('login-email', email);
    type('login-password', password);
    el('login-submit')?.click();
    await fixture.whenStable();
  }

  async function answerLogin(body: unknown, init: { status: number; statusText: string; headers?: Record<string, string> }): Promise<void> {
    backend.expectOne(LOGIN_URL).flush(body, init);
    await settle();
    await fixture.whenStable();
  }

  it('says so when the email or password is wrong, and stays signed out', async () => {
    await submit('admin@convenio.test', 'wrong');
    await answerLogin({ statusCode: 401, error: 'Unauthorized', message: 'Invalid email or password' }, { status: 401, statusText: 'Unauthorized' });
    expect(text('login-error')).toBe('Correo o contraseña incorrectos.');
    expect(TestBed.inject(SessionService).signedIn()).toBe(false);
  });

  it('after too many failures, says how long to wait (Retry-After), in the active language', async () => {
    await submit();
    const body = { statusCode: 429, error: 'Too Many Requests', message: 'Too many failed sign-in attempts; try again in 754 seconds', details: { retryAfterSeconds: 754 } };
    await answerLogin(body, { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '754' } });
    expect(text('login-error')).toBe('Demasiados intentos fallidos. Vuelva a intentarlo en 12 minutos 34 segundos.');
    await TestBed.inject(LanguageService).use('en');
    await fixture.whenStable();
    expect(text('login-error')).toBe('Too many failed attempts. Try again in 12 minutes 34 seconds.');
  });

  it('reads the wait from the body when the header is missing', async () => {
    await submit();
    await answerLogin({ statusCode: 429, error: 'Too Many Requests', message: 'wait', details: { retryAfterSeconds: 60 } }, { status: 429, statusText: 'Too Many Requests' });
    expect(text('login-error')).toContain('1 minuto');
  });

  it('validates before asking the server', async () => {
    el('login-submit')?.click();
    await fixture.whenStable();
    backend.expectNone(LOGIN_URL);
    expect(fixture.nativeElement.textContent).toContain('Este campo es obligatorio.');
  });

  it('signs in and goes to the page that was asked for', async () => {
    fixture.componentRef.setInput('returnUrl', '/usuarios');
    await fixture.whenStable();
    await submit();
    const user = sessionUser(['admin']);
    backend.expectOne(LOGIN_URL).flush(tokenPair(user));
    await flushMicrotasks();
    backend.expectOne(ME_URL).flush(meResponse(user));
    await settle();
    expect(TestBed.inject(SessionService).signedIn()).toBe(true);
    expect(TestBed.inject(Router).url).toBe('/usuarios');
    expect(el('login-error')).toBeNull();
  });

  it('explains why when sent here because the session expired', async () => {
    expect(el('login-notice')).toBeNull();
    fixture.componentRef.setInput('reason', 'expired');
    await fixture.whenStable();
    expect(text('login-notice')).toBe('Su sesión expiró. Ingrese de nuevo para continuar.');
  });

  it('returns only to pages of the portal', () => {
    expect(safeReturnUrl('/auditoria?x=1')).toBe('/auditoria?x=1');
    expect(safeReturnUrl('https://evil.example')).toBe('/');
    expect(safeReturnUrl('//evil.example')).toBe('/');
    expect(safeReturnUrl('/ingresar')).toBe('/');
    expect(safeReturnUrl(undefined)).toBe('/');
  });
});
