import { DEFAULT_LOCALE, errorResponseSchema, healthReportSchema, isErrorResponse, isLocale, LOCALES } from './index';

describe('error shape', () => {
  it('accepts list and object details, and rejects other shapes', () => {
    expect(isErrorResponse({ statusCode: 400, error: 'Bad Request', message: 'x', details: [{ path: 'body.a', message: 'bad' }] })).toBe(true);
    expect(isErrorResponse({ statusCode: 409, error: 'Conflict', message: 'x', details: { allowed: ['a'] } })).toBe(true);
    expect(isErrorResponse({ statusCode: 400, message: 'x' })).toBe(false);
    expect(errorResponseSchema.safeParse({ statusCode: '400', error: 'e', message: 'm' }).success).toBe(false);
  });
});

describe('health report', () => {
  it('requires every dependency check', () => {
    const up = { status: 'up' };
    expect(healthReportSchema.safeParse({ status: 'ok', version: '1', uptimeSeconds: 1, checks: { postgres: up, redis: up, worker: up } }).success).toBe(true);
    expect(healthReportSchema.safeParse({ status: 'ok', version: '1', uptimeSeconds: 1, checks: { postgres: up, redis: up } }).success).toBe(false);
  });
});

describe('locales', () => {
  it('default to Spanish (Mexico) and know English', () => {
    expect(DEFAULT_LOCALE).toBe('es-MX');
    expect(LOCALES).toContain('en');
    expect(isLocale('en')).toBe(true);
    expect(isLocale('fr')).toBe(false);
  });
});
