import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { HealthReport } from '@convenio/contracts';
import { HEALTH_URL } from './health.api';
import { HealthStore } from './health.store';

const REPORT: HealthReport = {
  status: 'ok',
  version: '0.1.0',
  uptimeSeconds: 10,
  checks: { postgres: { status: 'up' }, redis: { status: 'up' }, worker: { status: 'up' } },
};

describe('HealthStore polling', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), HealthStore] });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => jest.useRealTimers());

  it('checks at once, every 30 s, on demand (restarting the timer), and stops when destroyed', () => {
    const store = TestBed.inject(HealthStore);
    expect(store.loading()).toBe(true);
    backend.expectOne(HEALTH_URL).flush(REPORT);
    expect(store.result()?.kind).toBe('ok');
    expect(store.loading()).toBe(false);

    jest.advanceTimersByTime(29_999);
    backend.expectNone(HEALTH_URL);
    jest.advanceTimersByTime(1);
    backend.expectOne(HEALTH_URL).flush(REPORT);

    jest.advanceTimersByTime(10_000);
    store.refresh();
    backend.expectOne(HEALTH_URL).flush(REPORT);
    jest.advanceTimersByTime(29_999);
    backend.expectNone(HEALTH_URL);
    jest.advanceTimersByTime(1);
    backend.expectOne(HEALTH_URL).flush(REPORT);

    TestBed.resetTestingModule();
    jest.advanceTimersByTime(120_000);
    backend.expectNone(HEALTH_URL);
  });
});
