/**
 * One column's profile from its sampled values: nulls, distinct values, the inferred type, the
 * kinds detected and the identifier class they suggest. Values are counted into a map first, so
 * classification and detection run once per distinct value, weighted by its count.
 */
import {
  DETECTED_KIND_IDENTIFIER,
  PROFILE_DETECTION_MIN_SHARE,
  PROFILE_DETECTION_THRESHOLD,
  PROFILE_TYPE_SHARE_THRESHOLD,
  type ColumnIdentifierKind,
  type ColumnProfile,
  type DetectedKind,
  type DetectedKindShare,
  type ProfileWarning,
} from '@convenio/contracts';
import type { CodeLookup } from './code-lookup';
import {
  examineValue,
  FACT_CURP_INVALID,
  FACT_LEADING_ZERO,
  FACT_PHONE_FORMATTED,
  FACT_RFC_BAD_CHECK,
  FACT_RFC_COMPANY,
  FACT_STATE_ABOVE_12,
  KIND_BIT,
  KIND_ORDER,
  type DetectionContext,
} from './detectors';
import { headerHints, type HeaderHints } from './header-hints';
import {
  classifyValue,
  DATE_DAY_FIRST,
  DATE_MONTH_FIRST,
  isNullValue,
  TYPE_BOOLEAN,
  TYPE_DATE,
  TYPE_DATETIME,
  TYPE_DECIMAL,
  TYPE_INTEGER,
  TYPE_LEADING_ZERO,
} from './values';

/** Oldest age read as a plausible date of birth. */
export const MAX_AGE_YEARS = 110;
/** Without a header hint, dates of birth must span at least this many years (not a recent event). */
export const BIRTH_SPREAD_YEARS = 20;

/** Kinds whose header alone suggests an identifier class when the values do not confirm it. */
const HEADER_ONLY_KINDS: readonly DetectedKind[] = ['curp', 'rfc', 'email', 'phone', 'date_of_birth', 'postal_code'];
/** Kinds that are codes: a column holding them is typed text. */
const CODE_KINDS: ReadonlySet<DetectedKind> = new Set(['curp', 'rfc', 'email', 'phone', 'inegi_state', 'inegi_municipality', 'scian', 'postal_code']);

const KIND_LABEL: Readonly<Record<DetectedKind, string>> = {
  curp: 'CURPs',
  rfc: 'RFCs',
  email: 'e-mail addresses',
  phone: 'phone numbers',
  inegi_state: 'INEGI state keys',
  inegi_municipality: 'INEGI municipality keys',
  scian: 'SCIAN codes',
  date_of_birth: 'dates of birth',
  postal_code: 'postal codes',
};

export interface ColumnProfilerOptions {
  lookup: CodeLookup;
  /** Today, for the date-of-birth range. */
  now: Date;
  /** Read `12,5` as a decimal (files separated by `;`). */
  decimalComma: boolean;
}

/** Counts every value of one column, then profiles it. */
export class ColumnProfiler {
  private readonly counts = new Map<string, number>();
  private nulls = 0;

  constructor(
    private readonly name: string,
    private readonly index: number,
    private readonly options: ColumnProfilerOptions,
  ) {}

  /** Adds one raw cell value (untrimmed). */
  add(raw: string): void {
    const value = raw.trim();
    if (isNullValue(value)) this.nulls++;
    else this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
  }

  profile(extraWarnings: ProfileWarning[] = []): ColumnProfile {
    const hints = headerHints(this.name);
    const stats = this.collect(hints);
    const rows = stats.nonNull + this.nulls;
    const warnings: ProfileWarning[] = [...extraWarnings];
    const nullShare = rows === 0 ? 0 : this.nulls / rows;

    if (stats.nonNull === 0) {
      warnings.push({ code: 'ALL_NULL', message: 'Every sampled value is empty or a null marker' });
      const suggested = headerOnlySuggestion(hints, warnings, 0);
      return this.result('text', 0, nullShare, 0, [], warnings, suggested);
    }
    if (nullShare >= 0.5) warnings.push({ code: 'MOSTLY_NULL', message: `${percent(nullShare)} of the sampled values are empty or null markers` });

    const detected = this.detect(stats, hints, warnings);
    const strong = detected.filter((d) => d.share >= PROFILE_DETECTION_THRESHOLD);
    let { type, share } = inferType(stats);
    const codeDetected = strong.find((d) => d.confidence === 'high' && CODE_KINDS.has(d.kind));
    if (codeDetected && type !== 'text') {
      type = 'text';
      share = 1;
    } else if (type === 'integer' && stats.leadingZero > 0) {
      type = 'text';
      share = 1;
      warnings.push({ code: 'LEADING_ZEROS', message: 'Digits written with leading zeros: typed text, as a code rather than a number' });
    }
    if (share < 1) {
      const off = stats.nonNull - Math.round(share * stats.nonNull);
      warnings.push({ code: 'TYPE_MISMATCH', message: `${off} of ${stats.nonNull} non-null values (${percent(1 - share)}) are not ${type}` });
    }
    if ((type === 'date' || type === 'datetime') && stats.dayFirst > 0 && stats.monthFirst > 0) {
      warnings.push({ code: 'MIXED_DATE_ORDER', message: 'Some dates are day first (DD/MM/YYYY) and others month first (MM/DD/YYYY)' });
    }
    const distinct = this.counts.size;
    if (distinct === 1 && stats.nonNull > 1) warnings.push({ code: 'CONSTANT', message: 'A single distinct value in the sample' });
    else if (distinct === stats.nonNull && stats.nonNull >= 10 && (type === 'text' || type === 'integer')) warnings.push({ code: 'UNIQUE_VALUES', message: 'Every non-null value is distinct: the column may identify rows' });

    let suggested: ColumnIdentifierKind = 'none';
    if (strong.some((d) => DETECTED_KIND_IDENTIFIER[d.kind] === 'direct')) suggested = 'direct';
    else if (strong.length > 0) suggested = 'quasi';
    else suggested = headerOnlySuggestion(hints, warnings, detected.length === 0 ? 0 : Math.max(...detected.map((d) => d.share)));
    return this.result(type, share, nullShare, distinct, detected, warnings, suggested);
  }

  private result(
    inferredType: ColumnProfile['inferredType'],
    typeShare: number,
    nullShare: number,
    distinctCount: number,
    detected: DetectedKindShare[],
    warnings: ProfileWarning[],
    suggestedIdentifierKind: ColumnIdentifierKind,
  ): ColumnProfile {
    return { name: this.name, index: this.index, inferredType, typeShare: round(typeShare), nullShare: round(nullShare), distinctCount, detected, warnings, suggestedIdentifierKind };
  }

  private collect(hints: HeaderHints): ColumnStats {
    const { now } = this.options;
    const todayYmd = now.getUTCFullYear() * 10000 + (now.getUTCMonth() + 1) * 100 + now.getUTCDate();
    const context: DetectionContext = { hints, lookup: this.options.lookup, birthFrom: todayYmd - MAX_AGE_YEARS * 10000, birthTo: todayYmd };
    const stats = emptyStats();
    for (const [value, count] of this.counts) {
      stats.nonNull += count;
      const type = classifyValue(value, this.options.decimalComma);
      const bits = type.bits;
      if (bits !== 0) {
        if (bits & TYPE_BOOLEAN) stats.boolean += count;
        if (bits & TYPE_INTEGER) stats.integer += count;
        if (bits & TYPE_LEADING_ZERO) stats.leadingZero += count;
        if (bits & TYPE_DECIMAL) stats.decimal += count;
        if (bits & TYPE_DATE) stats.date += count;
        if (bits & TYPE_DATETIME) stats.datetime += count;
        if (bits & DATE_DAY_FIRST) stats.dayFirst += count;
        if (bits & DATE_MONTH_FIRST) stats.monthFirst += count;
      }
      const { kinds, facts } = examineValue(value, type, context);
      if (kinds !== 0) {
        for (let k = 0; k < KIND_ORDER.length; k++) if (kinds & (1 << k)) stats.kinds[k] += count;
        if (kinds & KIND_BIT.date_of_birth) {
          const year = Math.floor(type.ymd / 10000);
          if (year < stats.birthMinYear) stats.birthMinYear = year;
          if (year > stats.birthMaxYear) stats.birthMaxYear = year;
        }
      }
      if (facts !== 0) {
        if (facts & FACT_CURP_INVALID) stats.curpInvalid += count;
        if (facts & FACT_RFC_BAD_CHECK) stats.rfcBadCheck += count;
        if (facts & FACT_RFC_COMPANY) stats.rfcCompany += count;
        if (facts & FACT_PHONE_FORMATTED) stats.phoneFormatted += count;
        if (facts & FACT_STATE_ABOVE_12) stats.stateAbove12 += count;
        if (facts & FACT_LEADING_ZERO) stats.codeLeadingZero += count;
      }
    }
    return stats;
  }

  private detect(stats: ColumnStats, hints: HeaderHints, warnings: ProfileWarning[]): DetectedKindShare[] {
    const nonNull = stats.nonNull;
    const share = (kind: DetectedKind) => stats.kinds[KIND_ORDER.indexOf(kind)] / nonNull;
    const found: DetectedKindShare[] = [];
    for (const kind of KIND_ORDER) {
      const kindShare = share(kind);
      if (kindShare < PROFILE_DETECTION_MIN_SHARE) continue;
      const hinted = hints.kinds.has(kind);
      const evidence = hinted ? 'header' : unhintedEvidence(kind, stats, hints, share);
      if (evidence === 'none') continue;
      const confidence = kindShare >= PROFILE_DETECTION_THRESHOLD && evidence !== 'weak' ? 'high' : 'low';
      found.push({ kind, share: round(kindShare), confidence });
    }
    // Two readings of the same five digits: a header naming one settles it.
    const settle = (keep: DetectedKind, drop: DetectedKind) => {
      if (hints.kinds.has(keep) && !hints.kinds.has(drop)) removeKind(found, drop);
    };
    settle('postal_code', 'inegi_municipality');
    settle('inegi_municipality', 'postal_code');
    settle('inegi_state', 'scian');
    settle('scian', 'inegi_state');
    settle('inegi_municipality', 'scian');
    settle('scian', 'inegi_municipality');
    found.sort((a, b) => (a.confidence === b.confidence ? b.share - a.share : a.confidence === 'high' ? -1 : 1));

    for (const d of found) {
      const label = KIND_LABEL[d.kind];
      if (d.share < PROFILE_DETECTION_THRESHOLD) {
        warnings.push({ code: 'PARTIAL_MATCH', message: `${percent(d.share)} of the non-null values are ${label}, below the ${percent(PROFILE_DETECTION_THRESHOLD)} needed to call the column so` });
      } else if (d.confidence === 'low') {
        warnings.push({ code: 'LOW_CONFIDENCE', message: `The values look like ${label}, but digits alone cannot prove it and the header does not name it: please confirm` });
      }
    }
    const has = (kind: DetectedKind) => found.some((d) => d.kind === kind);
    if (stats.curpInvalid > 0 && (has('curp') || stats.curpInvalid / nonNull >= PROFILE_DETECTION_MIN_SHARE || hints.kinds.has('curp'))) {
      warnings.push({ code: 'CURP_INVALID', message: `${stats.curpInvalid} value${plural(stats.curpInvalid)} shaped like a CURP fail validation (birth date, state code, forbidden word or check digit)` });
    }
    if (has('rfc') && stats.rfcBadCheck > 0) {
      warnings.push({ code: 'RFC_CHECK_DIGIT', message: `${stats.rfcBadCheck} RFC${plural(stats.rfcBadCheck)} fail the check character; still counted as likely RFCs (SAT issued some such)` });
    }
    const rfcs = stats.kinds[KIND_ORDER.indexOf('rfc')];
    if (has('rfc') && stats.rfcCompany === rfcs) {
      warnings.push({ code: 'RFC_COMPANIES', message: 'Every RFC is of a company (persona moral); companies are not people, so check whether the column identifies anyone' });
    }
    return found;
  }
}

/**
 * How a kind is supported when the header does not name it: `strong` (its own structure proves
 * it), `weak` (plausible, listed with low confidence) or `none` (not listed).
 */
function unhintedEvidence(kind: DetectedKind, stats: ColumnStats, hints: HeaderHints, share: (kind: DetectedKind) => number): 'strong' | 'weak' | 'none' {
  switch (kind) {
    case 'curp':
    case 'rfc':
    case 'email':
      return 'strong';
    case 'phone': {
      if (stats.phoneFormatted >= stats.kinds[KIND_ORDER.indexOf('phone')] / 2) return 'strong';
      return hints.notCode ? 'none' : 'weak';
    }
    case 'inegi_state':
      // Without a header, 01-12 could be months: require some key above 12 and zero padding.
      return !hints.notCode && stats.stateAbove12 > 0 && stats.codeLeadingZero > 0 ? 'weak' : 'none';
    case 'inegi_municipality':
    case 'scian':
      return hints.notCode ? 'none' : 'weak';
    case 'postal_code':
      // "Five digits not matching other kinds", written as codes (some with a leading zero).
      if (hints.notCode || stats.codeLeadingZero === 0) return 'none';
      return share('inegi_municipality') >= PROFILE_DETECTION_THRESHOLD ? 'none' : 'weak';
    case 'date_of_birth': {
      if (hints.notBirth) return 'none';
      const spread = stats.birthMaxYear - stats.birthMinYear;
      return share('date_of_birth') >= PROFILE_TYPE_SHARE_THRESHOLD && spread >= BIRTH_SPREAD_YEARS ? 'weak' : 'none';
    }
  }
}

/** Without a detection, a header naming a personal kind still suggests its class. */
function headerOnlySuggestion(hints: HeaderHints, warnings: ProfileWarning[], bestShare: number): ColumnIdentifierKind {
  const named = HEADER_ONLY_KINDS.filter((kind) => hints.kinds.has(kind));
  if (named.length === 0) return 'none';
  const kind = named[0];
  warnings.push({
    code: 'HEADER_ONLY',
    message: `The header suggests ${KIND_LABEL[kind]} but only ${percent(bestShare)} of the values confirm it (masked or malformed?); suggested from the header alone`,
  });
  return named.some((k) => DETECTED_KIND_IDENTIFIER[k] === 'direct') ? 'direct' : 'quasi';
}

function inferType(stats: ColumnStats): { type: ColumnProfile['inferredType']; share: number } {
  const n = stats.nonNull;
  const threshold = PROFILE_TYPE_SHARE_THRESHOLD;
  if (stats.boolean / n >= threshold) return { type: 'boolean', share: stats.boolean / n };
  if (stats.integer / n >= threshold) return { type: 'integer', share: stats.integer / n };
  if ((stats.integer + stats.decimal) / n >= threshold) return { type: 'decimal', share: (stats.integer + stats.decimal) / n };
  if (stats.date / n >= threshold) return { type: 'date', share: stats.date / n };
  if ((stats.date + stats.datetime) / n >= threshold) return { type: 'datetime', share: (stats.date + stats.datetime) / n };
  return { type: 'text', share: 1 };
}

interface ColumnStats {
  nonNull: number;
  boolean: number;
  integer: number;
  leadingZero: number;
  decimal: number;
  date: number;
  datetime: number;
  dayFirst: number;
  monthFirst: number;
  kinds: number[];
  curpInvalid: number;
  rfcBadCheck: number;
  rfcCompany: number;
  phoneFormatted: number;
  stateAbove12: number;
  codeLeadingZero: number;
  birthMinYear: number;
  birthMaxYear: number;
}

function emptyStats(): ColumnStats {
  return {
    nonNull: 0,
    boolean: 0,
    integer: 0,
    leadingZero: 0,
    decimal: 0,
    date: 0,
    datetime: 0,
    dayFirst: 0,
    monthFirst: 0,
    kinds: KIND_ORDER.map(() => 0),
    curpInvalid: 0,
    rfcBadCheck: 0,
    rfcCompany: 0,
    phoneFormatted: 0,
    stateAbove12: 0,
    codeLeadingZero: 0,
    birthMinYear: Number.POSITIVE_INFINITY,
    birthMaxYear: Number.NEGATIVE_INFINITY,
  };
}

function removeKind(found: DetectedKindShare[], kind: DetectedKind): void {
  const at = found.findIndex((d) => d.kind === kind);
  if (at >= 0) found.splice(at, 1);
}

/** Rounds a share to 4 decimals. */
export function round(share: number): number {
  return Math.round(share * 10000) / 10000;
}

function percent(share: number): string {
  return `${(Math.round(share * 1000) / 10).toString()}%`;
}

function plural(count: number): string {
  return count === 1 ? '' : 's';
}
