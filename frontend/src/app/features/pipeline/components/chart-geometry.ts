/** Pure geometry for the dashboard's SVG charts (unit-tested; the components only draw). */

export interface BarBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The scale's top: the largest value, at least 1 so that all-zero data draws flat bars. */
export const scaleMax = (values: readonly number[]): number => Math.max(1, ...values);

/**
 * Vertical bars side by side in a `width`×`height` plot: each gets an equal slot with `gap`
 * between bars, and a height proportional to its value (the largest reaches the top).
 */
export function barBoxes(values: readonly number[], width: number, height: number, gap = 8): BarBox[] {
  if (values.length === 0) return [];
  const max = scaleMax(values);
  const slot = width / values.length;
  const barWidth = Math.max(1, slot - gap);
  return values.map((value, index) => {
    const barHeight = (Math.max(0, value) / max) * height;
    return { x: index * slot + (slot - barWidth) / 2, y: height - barHeight, width: barWidth, height: barHeight };
  });
}

/** Points of a line through the values, one per slot centre, for `<polyline points>`, on a shared `max`. */
export function linePoints(values: readonly number[], width: number, height: number, max = scaleMax(values)): Array<{ x: number; y: number }> {
  const slot = values.length === 0 ? 0 : width / values.length;
  return values.map((value, index) => ({ x: index * slot + slot / 2, y: height - (Math.max(0, value) / max) * height }));
}

export const pointsAttribute = (points: ReadonlyArray<{ x: number; y: number }>): string => points.map((p) => `${round(p.x)},${round(p.y)}`).join(' ');

const round = (n: number): number => Math.round(n * 100) / 100;
