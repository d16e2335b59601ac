import { anonymizationPolicySchema, anonymizationReportSchema, syntheticCurp } from '@convenio/contracts';
import { parsePolicy } from './policy';
import { AnonymizationError } from './errors';
import { pseudonym } from './anonymize';
import { checkAnonymity } from './testing/anonymity-checker';
import { TEST_KEY, runEngine } from './testing/run-engine';

const TOY = 'age;gender;zipcode\n34;male;81667\n45;female;81675\n66;male;81925\n70;female;81931\n34;female;81931\n70;male;81931\n45;male;81931\n';
const curp = (initials: string, birthDate: string) => syntheticCurp({ initials, birthDate, sex: 'M', stateCode: 'JC', consonants: 'RMR' });

async function refusal(csv: string, policy: unknown): Promise<AnonymizationError> {
  try {
    await runEngine(csv, policy);
  } catch (error) {
    if (error instanceof AnonymizationError) return error;
    throw error;
  }
  throw new Error('the engine accepted the input');
}

describe('anonymize', () => {
  it('makes ARX\'s toy table 2-anonymous, keeping the delimiter and the header order', async () => {
    const policy = {
      k: 2,
      suppressionLimit: 0,
      columns: {
        age: { action: 'generalize', hierarchy: { type: 'interval', widths: [10, 20, 40] } },
        gender: { action: 'generalize', hierarchy: { type: 'custom', rows: [['male', '*'], ['female', '*']] } },
        zipcode: { action: 'generalize', hierarchy: { type: 'redact' } },
      },
    };
    const { csv, report } = await runEngine(TOY, policy);
    const check = checkAnonymity(csv, ';', ['age', 'gender', 'zipcode']);
    expect(check.header).toEqual(['age', 'gender', 'zipcode']);
    expect(check.records).toBe(7);
    expect(check.k).toBeGreaterThanOrEqual(2);
    expect(report.kAchieved).toBe(check.k);
    expect(report.equivalenceClasses.count).toBe(check.classes);
    expect(report.records).toEqual({ input: 7, output: 7, suppressed: 0, suppressedShare: 0 });
    expect(report.risk.prosecutorHighest).toBeCloseTo(1 / check.k!, 6);
    expect(report.delimiter).toBe(';');
    expect(report.informationLoss.value).toBeGreaterThan(0);
    expect(report.informationLoss.value).toBeLessThan(1);
    expect(report.lattice.evaluated).toBeLessThanOrEqual(report.lattice.nodes);
  });

  it('takes the issue\'s policy shape, as the contract schema does, and reports what the contract describes', async () => {
    const policy = {
      k: 2,
      suppressionLimit: 0.05,
      lDiversity: { column: 'salary-class', l: 2 },
      columns: {
        age: { action: 'generalize', hierarchy: { type: 'interval', widths: [5, 10, 20] } },
        municipio: { action: 'generalize', hierarchy: { type: 'inegi' } },
        clase: { action: 'generalize', hierarchy: { type: 'scian' } },
        nacimiento: { action: 'generalize', hierarchy: { type: 'date' } },
        cp: { action: 'generalize', hierarchy: { type: 'redact' } },
        occupation: { action: 'generalize', hierarchy: { type: 'custom', rows: [['Tech-support', 'Technical', '*'], ['Sales', 'Nontechnical', '*']] } },
        curp: { action: 'pseudonymize' },
        nombre: { action: 'drop' },
        'salary-class': { action: 'sensitive' },
        folio: { action: 'keep' },
      },
    };
    expect(anonymizationPolicySchema.safeParse(policy).success).toBe(true);
    expect(parsePolicy(policy)).toEqual(policy);
    const rows = ['age\tmunicipio\tclase\tnacimiento\tcp\toccupation\tcurp\tnombre\tsalary-class\tfolio'];
    for (let i = 0; i < 40; i += 1) {
      const birth = `19${60 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`;
      rows.push([20 + (i % 40), `140${39 + (i % 3)}`, `46111${i % 2}`, birth, `913${i % 4}0`, i % 3 ? 'Sales' : 'Tech-support', curp('GARC', birth), `Persona ${i}`, i % 2 ? '<=50K' : '>50K', String(i)].join('\t'));
    }
    const { csv, report } = await runEngine(rows.join('\n'), policy);
    const check = checkAnonymity(csv, '\t', ['age', 'municipio', 'clase', 'nacimiento', 'cp', 'occupation'], 'salary-class');
    expect(check.header).toEqual(['age', 'municipio', 'clase', 'nacimiento', 'cp', 'occupation', 'curp', 'salary-class', 'folio']);
    expect(check.k).toBeGreaterThanOrEqual(2);
    expect(check.l).toBeGreaterThanOrEqual(2);
    expect(report.records.suppressed).toBeLessThanOrEqual(2);
    expect(anonymizationReportSchema.parse(report)).toEqual(report);
  });

  it('suppresses what is left in small classes, within the limit', async () => {
    const rows = ['edad,cp'];
    for (let i = 0; i < 40; i += 1) rows.push(`${30 + (i % 2)},91320`);
    rows.push('88,11000');
    const policy = { k: 5, suppressionLimit: 0.05, columns: { edad: { action: 'generalize', hierarchy: { type: 'interval', widths: [5, 10] } }, cp: { action: 'generalize', hierarchy: { type: 'redact' } } } };
    const { csv, report } = await runEngine(rows.join('\n'), policy);
    const check = checkAnonymity(csv, ',', ['edad', 'cp']);
    expect(report.records.suppressed).toBe(1);
    expect(check.records).toBe(40);
    expect(check.k).toBeGreaterThanOrEqual(5);
    // The least loss: ages kept as they are (each 20 strong), zip codes untouched.
    expect(report.levels).toEqual({ edad: { level: 0, height: 3, name: 'value' }, cp: { level: 0, height: 5, name: '0 character(s) hidden' } });
  });

  it('redacts codes of different lengths: a short code stays hidden whole on the levels above its length', async () => {
    const policy = { k: 2, suppressionLimit: 0, columns: { cp: { action: 'generalize', hierarchy: { type: 'redact' } } } };
    const { csv, report } = await runEngine('cp\nA\n91320\nA\n91399\n91000\n91001\n', policy);
    expect(report.levels.cp).toMatchObject({ level: 2, height: 5 });
    expect(checkAnonymity(csv, ',', ['cp']).rows.map((row) => row[0])).toEqual(['*', '913**', '*', '913**', '910**', '910**']);
  });

  it('drops, keeps and pseudonymizes with the keyed hash: same value, same token; another key, another token', async () => {
    const a = curp('GARC', '1985-03-02');
    const b = curp('LOPE', '1990-07-15');
    const csv = `curp,nombre,folio,edad\n${a},Ana,1,30\n${b},Luis,2,31\n${a},Ana,3,32\n`;
    const policy = { k: 2, suppressionLimit: 0, columns: { curp: { action: 'pseudonymize' }, nombre: { action: 'drop' }, folio: { action: 'keep' }, edad: { action: 'generalize', hierarchy: { type: 'interval', widths: [10] } } } };
    const { csv: out } = await runEngine(csv, policy);
    const check = checkAnonymity(out, ',', ['edad']);
    expect(check.header).toEqual(['curp', 'folio', 'edad']);
    expect(check.rows.map((row) => row[0])).toEqual([pseudonym(TEST_KEY, a), pseudonym(TEST_KEY, b), pseudonym(TEST_KEY, a)]);
    expect(check.rows[0][0]).toMatch(/^[0-9a-f]{32}$/);
    expect(out).not.toContain(a.slice(0, 10));
    const { csv: other } = await runEngine(csv, policy, { key: 'otra-clave' });
    expect(checkAnonymity(other, ',', ['edad']).rows[0][0]).not.toBe(check.rows[0][0]);
  });

  it.each([
    ['keep', { action: 'keep' }],
    ['sensitive', { action: 'sensitive' }],
    ['redact', { action: 'generalize', hierarchy: { type: 'redact' } }],
  ])('refuses to let CURPs out under "%s"', async (_name, action) => {
    const csv = `id,edad\n${curp('GARC', '1985-03-02')},30\n${curp('LOPE', '1990-07-15')},31\n`;
    const error = await refusal(csv, { k: 2, suppressionLimit: 0, columns: { id: action, edad: { action: 'generalize', hierarchy: { type: 'interval', widths: [10] } } } });
    expect(error.code).toBe('IDENTIFIER_NOT_PROTECTED');
    expect(error.problems[0]).toMatchObject({ path: 'id', line: 2 });
    expect(error.message).toMatch(/CURP/);
  });

  it('protects a sensitive column with distinct ℓ-diversity', async () => {
    const rows = ['edad;diagnostico'];
    const illnesses = ['gripe', 'diabetes', 'asma'];
    for (let i = 0; i < 60; i += 1) rows.push(`${20 + (i % 30)};${i < 10 ? 'gripe' : illnesses[i % 3]}`);
    const policy = { k: 3, suppressionLimit: 0.1, lDiversity: { column: 'diagnostico', l: 2 }, columns: { edad: { action: 'generalize', hierarchy: { type: 'interval', widths: [5, 10, 20] } }, diagnostico: { action: 'sensitive' } } };
    const { csv, report } = await runEngine(rows.join('\n'), policy);
    const check = checkAnonymity(csv, ';', ['edad'], 'diagnostico');
    expect(check.k).toBeGreaterThanOrEqual(3);
    expect(check.l).toBeGreaterThanOrEqual(2);
    expect(report.records.suppressed).toBeLessThanOrEqual(6);
  });

  describe('bad input says what and where', () => {
    const ok = { k: 2, suppressionLimit: 0, columns: { a: { action: 'keep' } } };
    it.each([
      ['k below 2', { ...ok, k: 1 }, 'policy.k'],
      ['a suppression limit outside 0–1', { ...ok, suppressionLimit: 1.5 }, 'policy.suppressionLimit'],
      ['an unknown action', { ...ok, columns: { a: { action: 'shuffle' } } }, 'policy.columns.a'],
      ['decreasing interval widths', { ...ok, columns: { a: { action: 'generalize', hierarchy: { type: 'interval', widths: [10, 5] } } } }, 'policy.columns.a.hierarchy.widths'],
      ['interval widths that do not nest', { ...ok, columns: { a: { action: 'generalize', hierarchy: { type: 'interval', widths: [5, 7] } } } }, 'policy.columns.a.hierarchy.widths'],
      ['ℓ on a column that is not sensitive', { ...ok, lDiversity: { column: 'a', l: 2 } }, 'policy.lDiversity.column'],
    ])('%s', async (_name, policy, path) => {
      const error = await refusal('a\n1\n', policy);
      expect(error.code).toBe('INVALID_POLICY');
      expect(error.problems.map((problem) => problem.path)).toContain(path);
    });

    it('a policy naming a column the file lacks, and a column the policy does not name', async () => {
      const error = await refusal('a,b\n1,2\n', { k: 2, suppressionLimit: 0, columns: { a: { action: 'keep' }, c: { action: 'drop' } } });
      expect(error.problems).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: 'b', line: 1 }), expect.objectContaining({ path: 'policy.columns.c' })]),
      );
    });

    it('a value missing from a custom hierarchy, with its line', async () => {
      const policy = { k: 2, suppressionLimit: 0, columns: { oficio: { action: 'generalize', hierarchy: { type: 'custom', rows: [['Ventas', '*']] } } } };
      const error = await refusal('oficio\nVentas\nPiloto\n', policy);
      expect(error.code).toBe('INVALID_VALUE');
      expect(error.problems[0]).toMatchObject({ path: 'oficio', line: 3 });
    });

    it.each([
      ['an empty file', '', /empty/],
      ['a header without records', 'a\n', /no records/],
      ['binary content', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01]), /binary/],
      ['a row with more cells than the header', 'a\n1\n2,3\n', /line 3/],
    ])('%s', async (_name, csv, message) => {
      const error = await refusal(csv as string, { k: 2, suppressionLimit: 0, columns: { a: { action: 'keep' } } });
      expect(error.code).toBe('INVALID_FILE');
      expect(error.message).toMatch(message);
    });
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const rows = ['a'];
    for (let i = 0; i < 10_000; i += 1) rows.push(String(i % 7));
    await expect(runEngine(rows.join('\n'), { k: 2, suppressionLimit: 0, columns: { a: { action: 'generalize', hierarchy: { type: 'interval', widths: [10] } } } }, { signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
