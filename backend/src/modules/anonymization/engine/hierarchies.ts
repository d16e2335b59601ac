import { invalidValue } from './errors';
import type { HierarchySpec } from './policy';

/**
 * A column's generalization hierarchy: level 0 is the value itself, the last level is the
 * most general (usually `*`). Full-domain generalization: one level for the whole column.
 */
export interface Generalizer {
  /** Number of levels above the value; fixed once the first value is seen. */
  height(): number;
  /** A short name of each level, for the report. */
  levelName(level: number): string;
  /** Every level of a value, `[value, level 1, …, level height]`; throws on a value outside the hierarchy. */
  levels(value: string, line: number): string[];
}

const STAR = '*';

export function buildGeneralizer(column: string, spec: HierarchySpec): Generalizer {
  switch (spec.type) {
    case 'inegi':
      return prefixLadder(column, 'INEGI geography', { 9: [9, 5, 2], 5: [5, 2], 2: [2] }, { 9: 'locality', 5: 'municipality', 2: 'state' }, /^\d+$/);
    case 'scian':
      return prefixLadder(column, 'SCIAN', { 6: [6, 4, 3, 2], 5: [5, 4, 3, 2], 4: [4, 3, 2], 3: [3, 2], 2: [2] }, { 6: '6 digits', 5: '5 digits', 4: '4 digits', 3: '3 digits', 2: '2 digits' }, /^\d+$/);
    case 'interval':
      return intervals(column, spec.widths);
    case 'date':
      return dates(column);
    case 'redact':
      return redaction();
    case 'custom':
      return custom(column, spec.rows);
  }
}

/** Codes cut to shorter prefixes (INEGI: locality 9 → municipality 5 → state 2 → `*`; SCIAN 6 → 4 → 3 → 2 → `*`). */
function prefixLadder(column: string, what: string, ladders: Record<number, number[]>, names: Record<number, string>, pattern: RegExp): Generalizer {
  let ladder: number[] | null = null;
  return {
    height: () => (ladder ? ladder.length : 1),
    levelName: (level) => (ladder && level < ladder.length ? names[ladder[level]] : 'national / all'),
    levels(value, line) {
      const code = value.trim();
      if (!pattern.test(code) || !ladders[code.length]) {
        throw invalidValue(column, line, `"${value}" is not a ${what} code (digits, ${Object.keys(ladders).join(', ')} long)`);
      }
      ladder ??= ladders[code.length];
      if (code.length !== ladder[0]) throw invalidValue(column, line, `"${value}" has ${code.length} digits where the column's codes have ${ladder[0]}`);
      return [...ladder.map((length) => code.slice(0, length)), STAR];
    },
  };
}

/** Numbers into aligned intervals of growing width: 37 → 35-39 → 30-39 → 20-39 → `*`. */
function intervals(column: string, widths: number[]): Generalizer {
  return {
    height: () => widths.length + 1,
    levelName: (level) => (level === 0 ? 'value' : level <= widths.length ? `width ${widths[level - 1]}` : 'all'),
    levels(value, line) {
      const text = value.trim();
      const number = Number(text);
      if (text === '' || !Number.isFinite(number)) throw invalidValue(column, line, `"${value}" is not a number`);
      const whole = Number.isInteger(number) && widths.every(Number.isInteger);
      return [
        text,
        ...widths.map((width) => {
          const low = Math.floor(number / width) * width;
          return whole ? `${low}-${low + width - 1}` : `[${low}, ${low + width})`;
        }),
        STAR,
      ];
    },
  };
}

/** ISO dates: day → month → year → `*`. */
function dates(column: string): Generalizer {
  const names = ['day', 'month', 'year', 'all'];
  return {
    height: () => 3,
    levelName: (level) => names[level],
    levels(value, line) {
      const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
      const valid = match && Number(match[2]) >= 1 && Number(match[2]) <= 12 && Number(match[3]) >= 1 && Number(match[3]) <= 31;
      if (!match || !valid) throw invalidValue(column, line, `"${value}" is not a date (YYYY-MM-DD)`);
      return [value.trim(), `${match[1]}-${match[2]}`, match[1], STAR];
    },
  };
}

/**
 * Characters replaced from the right: 91320 → 9132* → 913** → … → *****. The height is the
 * longest value's length, so every value can be hidden whole; a shorter value stays at its
 * all-stars form on the levels above its length.
 */
function redaction(): Generalizer {
  let length = 1;
  return {
    height: () => length,
    levelName: (level) => `${level} character(s) hidden`,
    levels(value) {
      length = Math.max(length, value.length);
      const out: string[] = [];
      for (let level = 0; level <= length; level += 1) {
        const hidden = Math.min(level, value.length);
        out.push(value.slice(0, value.length - hidden) + STAR.repeat(hidden));
      }
      return out;
    },
  };
}

/** A hierarchy given inline, as ARX's files: one row per value, one column per level. */
function custom(column: string, rows: string[][]): Generalizer {
  const byValue = new Map(rows.map((row) => [row[0], row]));
  const height = rows[0].length - 1;
  return {
    height: () => height,
    levelName: (level) => `level ${level}`,
    levels(value, line) {
      const row = byValue.get(value) ?? byValue.get(value.trim());
      if (!row) throw invalidValue(column, line, `"${value}" is not in the custom hierarchy`);
      return row;
    },
  };
}
