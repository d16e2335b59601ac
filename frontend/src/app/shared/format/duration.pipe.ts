import { Pipe, type PipeTransform } from '@angular/core';

const UNITS = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
] as const;

/**
 * A duration in seconds, in words of the given locale: the largest unit and the next one
 * when not zero. `90061 | cvDuration: 'es-MX'` → "1 día 1 hora"; `42 | cvDuration: 'en'` → "42 seconds".
 */
export function formatDuration(totalSeconds: number, locale: string): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const amounts = UNITS.map(([unit, size], index) => {
    const larger = index === 0 ? Infinity : UNITS[index - 1][1];
    return { unit, amount: Math.floor((seconds % larger) / size) };
  });
  const found = amounts.findIndex(({ amount }) => amount > 0);
  const first = found === -1 ? amounts.length - 1 : found;
  const shown = amounts.slice(first, first + 2).filter(({ amount }, index) => index === 0 || amount > 0);
  return shown
    .map(({ unit, amount }) => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(amount))
    .join(' ');
}

@Pipe({ name: 'cvDuration' })
export class DurationPipe implements PipeTransform {
  transform(seconds: number | null | undefined, locale: string): string {
    return seconds == null ? '' : formatDuration(seconds, locale);
  }
}
