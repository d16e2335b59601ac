import { PROFILE_NULL_MARKERS } from '@convenio/contracts';
import { calendarDate, classifyValue, DATE_DAY_FIRST, DATE_MONTH_FIRST, isNullValue, TYPE_BOOLEAN, TYPE_DATE, TYPE_DATETIME, TYPE_DECIMAL, TYPE_INTEGER, TYPE_LEADING_ZERO } from './values';

const bits = (value: string, decimalComma = false) => classifyValue(value, decimalComma).bits;

describe('cell values', () => {
  it('reads empty cells and the null markers as null, whatever their case', () => {
    for (const marker of ['', 'NA', 'n/a', 'N/A', 'null', 'NULL', '-', '#N/A', 'None', 'NaN', 's/d']) expect(isNullValue(marker)).toBe(true);
    for (const marker of PROFILE_NULL_MARKERS) expect(isNullValue(marker.toUpperCase())).toBe(true);
    for (const value of ['0', 'no', 'nada', 'NAL', 'Ana']) expect(isNullValue(value)).toBe(false);
  });

  it('classifies booleans, integers (with leading zeros as codes) and decimals', () => {
    for (const value of ['true', 'FALSE', 'sí', 'Si', 'no', 'S', 'N', 'verdadero']) expect(bits(value)).toBe(TYPE_BOOLEAN);
    expect(bits('0')).toBe(TYPE_INTEGER);
    expect(bits('1')).toBe(TYPE_INTEGER);
    expect(bits('-42')).toBe(TYPE_INTEGER);
    expect(bits('1,234,567')).toBe(TYPE_INTEGER);
    expect(bits('007')).toBe(TYPE_INTEGER | TYPE_LEADING_ZERO);
    expect(bits('06700')).toBe(TYPE_INTEGER | TYPE_LEADING_ZERO);
    for (const value of ['3.14', '-0.5', '.5', '1,234.50', '6.02e23']) expect(bits(value)).toBe(TYPE_DECIMAL);
    expect(bits('12,5')).toBe(0);
    expect(bits('12,5', true)).toBe(TYPE_DECIMAL);
    for (const value of ['12%', '$100', '1.2.3', 'abc', '12 345']) expect(bits(value) & (TYPE_INTEGER | TYPE_DECIMAL)).toBe(0);
  });

  it('reads ISO and day-first dates, month-first only when the day cannot be a month', () => {
    expect(classifyValue('1985-03-02', false)).toEqual({ bits: TYPE_DATE, ymd: 19850302 });
    expect(classifyValue('1985/3/2', false)).toEqual({ bits: TYPE_DATE, ymd: 19850302 });
    expect(classifyValue('02/03/1985', false)).toEqual({ bits: TYPE_DATE, ymd: 19850302 });
    expect(classifyValue('25-12-1990', false)).toEqual({ bits: TYPE_DATE | DATE_DAY_FIRST, ymd: 19901225 });
    expect(classifyValue('12/25/1990', false)).toEqual({ bits: TYPE_DATE | DATE_MONTH_FIRST, ymd: 19901225 });
    expect(bits('31/02/1990')).toBe(0);
    expect(bits('2023-02-29')).toBe(0);
    expect(bits('2024-02-29')).toBe(TYPE_DATE);
    for (const value of ['2024-05-01T10:30:00Z', '2024-05-01 10:30', '2024-05-01T10:30:00.123-06:00', '01/05/2024 23:59:59']) expect(bits(value)).toBe(TYPE_DATETIME);
    expect(bits('2024-05-01T25:00')).toBe(0);
  });

  it('knows real calendar dates', () => {
    expect(calendarDate(2000, 2, 29)).toBe(20000229);
    expect(calendarDate(1900, 2, 29)).toBe(0);
    expect(calendarDate(2024, 4, 31)).toBe(0);
    expect(calendarDate(999, 1, 1)).toBe(0);
  });

  it('stays fast on long adversarial values (no regex backtracking)', () => {
    const started = Date.now();
    for (const value of ['1'.repeat(50_000) + 'x', '1,' + '123,'.repeat(20_000) + 'x', '2024-01-01T' + '1'.repeat(50_000)]) classifyValue(value, true);
    expect(Date.now() - started).toBeLessThan(500);
  });
});
