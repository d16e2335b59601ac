import fc from 'fast-check';
import type { AnonymizationPolicy } from './policy';
import { checkAnonymity } from './testing/anonymity-checker';
import { ADULT_QUASI, adultPolicy, adultTable, runEngine, seededRandom, syntheticAdult } from './testing/run-engine';

describe('anonymize: the Adult table and random tables, checked independently', () => {
  it('makes the real Adult table (30,162 rows) 5-anonymous within 5 % suppression', async () => {
    const { csv, report } = await runEngine(adultTable(), adultPolicy(5, 0.05), { chunk: 65536 });
    const check = checkAnonymity(csv, ';', ADULT_QUASI);
    expect(report.records.input).toBe(30162);
    expect(check.records).toBe(report.records.output);
    expect(check.k).toBeGreaterThanOrEqual(5);
    expect(report.kAchieved).toBe(check.k);
    expect(report.records.suppressed).toBeLessThanOrEqual(Math.floor(0.05 * 30162));
    expect(report.equivalenceClasses.count).toBe(check.classes);
    expect(report.lattice.evaluated).toBeLessThan(report.lattice.nodes);
  }, 180_000);

  it('adds distinct 2-diversity on the salary class of a synthetic Adult table', async () => {
    // Four of the quasi-identifiers generalized, the others dropped: a lattice of 80 nodes.
    const policy = adultPolicy(4, 0.05, 2);
    for (const column of ['marital-status', 'native-country', 'workclass', 'occupation']) policy.columns[column] = { action: 'drop' };
    const { csv, report } = await runEngine(syntheticAdult(3000, 7), policy);
    const check = checkAnonymity(csv, ';', ['sex', 'age', 'race', 'education'], 'salary-class');
    expect(check.header).toEqual(['sex', 'age', 'race', 'education', 'salary-class']);
    expect(check.k).toBeGreaterThanOrEqual(4);
    expect(check.l).toBeGreaterThanOrEqual(2);
    expect(report.records.suppressed).toBeLessThanOrEqual(150);
  });

  it('keeps memory bounded: with no intermediate table kept, the search finds the same result', async () => {
    const csv = syntheticAdult(1500, 11);
    const policy = adultPolicy(3, 0.02);
    for (const column of ['native-country', 'workclass', 'occupation']) policy.columns[column] = { action: 'drop' };
    const kept = await runEngine(csv, policy);
    const bounded = await runEngine(csv, policy, { maxKeptRows: 0 });
    expect(bounded.csv).toBe(kept.csv);
    expect(bounded.report.levels).toEqual(kept.report.levels);
    expect(bounded.report.informationLoss).toEqual(kept.report.informationLoss);
  }, 120_000);

  /**
   * Random tables and policies against brute force over the WHOLE lattice, computed here
   * without the engine's code: the output satisfies k (and ℓ) by the checker and the
   * suppression limit, and its loss (LM, suppressed records losing 1 per column) is the least
   * of all the lattice's satisfying nodes.
   */
  it('on random tables, picks the satisfying node of least loss (brute force over the lattice)', async () => {
    const occupations = [['a', 'x', '*'], ['b', 'x', '*'], ['c', 'y', '*'], ['d', 'y', '*'], ['e', 'y', '*']];
    const specs: AnonymizationPolicy['columns'] = {
      edad: { action: 'generalize', hierarchy: { type: 'interval', widths: [5, 10, 20] } },
      cp: { action: 'generalize', hierarchy: { type: 'redact' } },
      sexo: { action: 'generalize', hierarchy: { type: 'custom', rows: [['H', '*'], ['M', '*']] } },
      ocup: { action: 'generalize', hierarchy: { type: 'custom', rows: occupations } },
      dx: { action: 'sensitive' },
      nota: { action: 'keep' },
    };
    // The hierarchies, written out independently: every level of a value.
    const ladders = [
      (v: string) => [v, ...[5, 10, 20].map((w) => `${Math.floor(Number(v) / w) * w}-${Math.floor(Number(v) / w) * w + w - 1}`), '*'],
      (v: string) => [0, 1, 2, 3].map((hidden) => v.slice(0, 3 - hidden) + '*'.repeat(hidden)),
      (v: string) => [v, '*'],
      (v: string) => occupations.find((row) => row[0] === v)!,
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 2, max: 6 }),
        fc.constantFrom(0, 0.02, 0.05, 0.1, 0.3),
        fc.integer({ min: 10, max: 160 }),
        fc.constantFrom(0, 0, 2, 3),
        async (seed, k, limit, rows, l) => {
          const random = seededRandom(seed);
          const data: string[][] = [];
          for (let i = 0; i < rows; i += 1) {
            data.push([String(18 + Math.floor(random() * 50)), `${4 + Math.floor(random() * 2)}${Math.floor(random() * 10)}${Math.floor(random() * 3)}`, random() < 0.5 ? 'H' : 'M', 'abcde'[Math.floor(random() ** 2 * 5)], 'pqrs'[Math.floor(random() * 4)], `n${i}`]);
          }
          const policy: AnonymizationPolicy = { k, suppressionLimit: limit, columns: specs, ...(l ? { lDiversity: { column: 'dx', l } } : {}) };
          const allowed = Math.floor(limit * rows + 1e-9);

          // Brute force: every node of the lattice, its suppression and its loss.
          const levels = data.map((row) => ladders.map((ladder, i) => ladder(row[i])));
          const dims = [5, 4, 2, 3];
          const distinct = ladders.map((_, i) => new Set(data.map((row) => row[i])).size);
          let least = Number.POSITIVE_INFINITY;
          for (let node = 0; node < dims.reduce((a, b) => a * b, 1); node += 1) {
            let rest = node;
            const at = dims.map((size) => {
              const level = rest % size;
              rest = Math.floor(rest / size);
              return level;
            });
            const covered = ladders.map((_, i) => {
              const count = new Map<string, Set<string>>();
              data.forEach((row, r) => count.set(levels[r][i][at[i]], (count.get(levels[r][i][at[i]]) ?? new Set()).add(row[i])));
              return count;
            });
            const classes = new Map<string, number[]>();
            data.forEach((_, r) => {
              const key = at.map((level, i) => levels[r][i][level]).join('|');
              classes.set(key, [...(classes.get(key) ?? []), r]);
            });
            let suppressed = 0;
            let loss = 0;
            for (const members of classes.values()) {
              if (members.length < k || (l > 0 && new Set(members.map((r) => data[r][4])).size < l)) {
                suppressed += members.length;
                loss += members.length * 4;
                continue;
              }
              for (const r of members) at.forEach((level, i) => (loss += distinct[i] > 1 ? (covered[i].get(levels[r][i][level])!.size - 1) / (distinct[i] - 1) : 0));
            }
            if (suppressed <= allowed) least = Math.min(least, loss / (rows * 4));
          }

          const csv = ['edad,cp,sexo,ocup,dx,nota', ...data.map((row) => row.join(','))].join('\n');
          if (least === Number.POSITIVE_INFINITY) {
            await expect(runEngine(csv, policy)).rejects.toMatchObject({ code: 'INVALID_POLICY' });
            return;
          }
          const { csv: out, report } = await runEngine(csv, policy, { chunk: 97 });
          const check = checkAnonymity(out, ',', ['edad', 'cp', 'sexo', 'ocup'], 'dx');
          expect(check.records + report.records.suppressed).toBe(rows);
          expect(report.records.suppressed).toBeLessThanOrEqual(allowed);
          if (check.records > 0) {
            expect(check.k).toBeGreaterThanOrEqual(k);
            if (l) expect(check.l).toBeGreaterThanOrEqual(l);
          }
          expect(report.informationLoss.value).toBeCloseTo(least, 5);
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);
});
