import { formatDuration } from './duration.pipe';

describe('formatDuration', () => {
  it('keeps the largest unit and the next one, in the given locale', () => {
    expect(formatDuration(90_061, 'es-MX')).toBe('1 día 1 hora');
    expect(formatDuration(3_725, 'en')).toBe('1 hour 2 minutes');
  });

  it('drops a zero second unit and handles small and zero durations', () => {
    expect(formatDuration(2 * 86_400 + 59, 'en')).toBe('2 days');
    expect(formatDuration(42, 'es-MX')).toBe('42 segundos');
    expect(formatDuration(0, 'en')).toBe('0 seconds');
  });
});
