import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ErrorResponse, HealthReport } from '@convenio/contracts';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { errorInterceptor } from '../../../core/http/error.interceptor';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { LanguageService } from '../../../core/i18n/language.service';
import { HEALTH_URL } from '../data-access/health.api';
import { HomePageComponent } from './home-page.component';

function report(overrides: Partial<HealthReport['checks']> = {}): HealthReport {
  const checks = { postgres: { status: 'up', latencyMs: 2.5 }, redis: { status: 'up', latencyMs: 1 }, worker: { status: 'up' }, ...overrides } as const;
  const down = checks.postgres.status === 'down' || checks.redis.status === 'down';
  return { status: down ? 'unavailable' : 'ok', version: '1.2.3', uptimeSeconds: 3_725, checks };
}

describe('HomePageComponent (system health)', () => {
  let fixture: ComponentFixture<HomePageComponent>;
  let backend: HttpTestingController;

  const el = (testId: string): HTMLElement | null => fixture.nativeElement.querySelector(`[data-testid="${testId}"]`);
  const text = (testId: string): string => el(testId)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  async function render(): Promise<void> {
    fixture = TestBed.createComponent(HomePageComponent);
    await fixture.whenStable();
  }

  async function answer(respond: (url: string) => void): Promise<void> {
    respond(HEALTH_URL);
    await settle();
    await fixture.whenStable();
  }

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(withInterceptors([errorInterceptor])), provideHttpClientTesting(), provideI18n()],
    });
    await initializeApp();
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('shows a loading state until the first answer', async () => {
    await render();
    expect(el('health-overall')).toBeNull();
    expect(text('health-loading')).toMatch(/Consultando/);
    expect(text('page-title')).toBe('Bienvenido a Convenio');
    backend.expectOne(HEALTH_URL).flush(report());
  });

  it('200: the system is operating and every dependency is up', async () => {
    await render();
    await answer((url) => backend.expectOne(url).flush(report()));

    expect(el('health-overall')?.getAttribute('data-status')).toBe('ok');
    expect(text('health-overall')).toBe('El sistema está operando');
    for (const name of ['postgres', 'redis', 'worker']) {
      expect(el(`health-${name}`)?.getAttribute('data-status')).toBe('up');
      expect(text(`health-${name}`)).toContain('En servicio');
    }
    expect(text('health-postgres')).toContain('Latencia: 2.5 ms');
    expect(text('health-worker')).toContain('Procesador de tareas');
    expect(text('health-version')).toBe('1.2.3');
    expect(text('health-uptime')).toBe('1 hora 2 minutos');
  });

  it('503: reads the report from the error details and names Redis as unavailable', async () => {
    const details = report({ redis: { status: 'down', error: 'connect ECONNREFUSED 127.0.0.1:6379' } });
    const body: ErrorResponse = { statusCode: 503, error: 'Service Unavailable', message: 'Unavailable: redis', details };
    await render();
    await answer((url) => backend.expectOne(url).flush(body, { status: 503, statusText: 'Service Unavailable' }));

    expect(el('health-overall')?.getAttribute('data-status')).toBe('unavailable');
    expect(text('health-overall')).toBe('Servicio no disponible: Redis');
    expect(el('health-redis')?.getAttribute('data-status')).toBe('down');
    expect(text('health-redis')).toContain('Fuera de servicio');
    expect(text('health-redis')).toContain('ECONNREFUSED');
    expect(el('health-postgres')?.getAttribute('data-status')).toBe('up');
    expect(el('health-worker')?.getAttribute('data-status')).toBe('up');
  });

  it('network failure: the server is unreachable and no dependency is claimed', async () => {
    await render();
    await answer((url) => backend.expectOne(url).error(new ProgressEvent('error')));

    expect(el('health-overall')?.getAttribute('data-status')).toBe('unreachable');
    expect(text('health-overall')).toContain('No se puede contactar al servidor');
    expect(el('health-postgres')).toBeNull();
    expect(el('health-redis')).toBeNull();
  });

  it('refresh asks again and shows the new answer', async () => {
    await render();
    await answer((url) => backend.expectOne(url).flush(report()));
    expect(el('health-overall')?.getAttribute('data-status')).toBe('ok');

    el('health-refresh')?.click();
    const details = report({ postgres: { status: 'down', error: 'timeout' } });
    const body: ErrorResponse = { statusCode: 503, error: 'Service Unavailable', message: 'Unavailable: postgres', details };
    await answer((url) => backend.expectOne(url).flush(body, { status: 503, statusText: 'Service Unavailable' }));
    expect(el('health-overall')?.getAttribute('data-status')).toBe('unavailable');
    expect(text('health-overall')).toBe('Servicio no disponible: PostgreSQL');
  });

  it('follows the language at run time', async () => {
    await render();
    await answer((url) => backend.expectOne(url).flush(report()));
    await TestBed.inject(LanguageService).use('en');
    await fixture.whenStable();

    expect(text('page-title')).toBe('Welcome to Convenio');
    expect(text('health-overall')).toBe('The system is operational');
    expect(text('health-redis')).toContain('Up');
    expect(text('health-uptime')).toBe('1 hour 2 minutes');
  });
});
