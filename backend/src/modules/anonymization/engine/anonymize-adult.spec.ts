import fc from 'fast-check';
import { buildGeneralizer } from './hierarchies';
import type { AnonymizationPolicy, ColumnAction } from './policy';
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
   * Random tables and policies: the output satisfies k and the suppression limit (by the
   * checker), and the chosen node is k-minimal — checked by brute force, generalizing the
   * rows directly: no node below it satisfies the model.
   */
  it('on random tables, satisfies the model with a k-minimal generalization', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 2, max: 5 }), fc.constantFrom(0, 0.02, 0.1, 0.3), fc.integer({ min: 20, max: 160 }), async (seed, k, limit, rows) => {
        const random = seededRandom(seed);
        const specs: AnonymizationPolicy['columns'] = {
          edad: { action: 'generalize', hierarchy: { type: 'interval', widths: [5, 10, 20] } },
          cp: { action: 'generalize', hierarchy: { type: 'redact' } },
          sexo: { action: 'generalize', hierarchy: { type: 'custom', rows: [['H', '*'], ['M', '*']] } },
          nota: { action: 'keep' },
        };
        const lines = ['edad,cp,sexo,nota'];
        const data: string[][] = [];
        for (let i = 0; i < rows; i += 1) {
          const row = [String(18 + Math.floor(random() * 50)), `${4 + Math.floor(random() * 2)}${Math.floor(random() * 10)}${Math.floor(random() * 10)}`, random() < 0.5 ? 'H' : 'M', `n${i}`];
          data.push(row);
          lines.push(row.join(','));
        }
        const policy: AnonymizationPolicy = { k, suppressionLimit: limit, columns: specs };
        const { csv, report } = await runEngine(lines.join('\n'), policy, { chunk: 97 });
        const check = checkAnonymity(csv, ',', ['edad', 'cp', 'sexo']);
        expect(check.records + report.records.suppressed).toBe(rows);
        expect(report.records.suppressed).toBeLessThanOrEqual(Math.floor(limit * rows + 1e-9));
        if (check.records > 0) expect(check.k).toBeGreaterThanOrEqual(k);

        const generalizers = ['edad', 'cp', 'sexo'].map((column) => buildGeneralizer(column, (specs[column] as Extract<ColumnAction, { action: 'generalize' }>).hierarchy));
        const levelsOf = data.map((row, index) => generalizers.map((g, i) => g.levels(row[i], index + 2)));
        const satisfies = (node: number[]) => {
          const sizes = new Map<string, number>();
          for (const levels of levelsOf) {
            const key = node.map((level, i) => levels[i][level]).join('|');
            sizes.set(key, (sizes.get(key) ?? 0) + 1);
          }
          let suppressed = 0;
          for (const size of sizes.values()) if (size < k) suppressed += size;
          return suppressed <= Math.floor(limit * rows + 1e-9);
        };
        const chosen = ['edad', 'cp', 'sexo'].map((column) => report.levels[column].level);
        expect(satisfies(chosen)).toBe(true);
        for (let i = 0; i < chosen.length; i += 1) {
          if (chosen[i] === 0) continue;
          const below = [...chosen];
          below[i] -= 1;
          expect({ below, satisfies: satisfies(below) }).toEqual({ below, satisfies: false });
        }
      }),
      { numRuns: 40 },
    );
  });
});
