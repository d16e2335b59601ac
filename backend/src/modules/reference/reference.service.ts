import { Injectable } from '@nestjs/common';
import {
  foldForSearch,
  resolveScianAlias,
  SCIAN_LEVEL_DIGITS,
  type ErrorDetail,
  type Page,
  type RefMunicipality,
  type RefState,
  type ScianDigits,
  type ScianEntry,
} from '@convenio/contracts';
import { DomainException } from '../../core/errors/domain.exception';
import { ReferenceRepository } from './reference.repository';

/** The INEGI levels a list of geographic codes can be checked at. */
export type GeoCodeLevel = 'state' | 'municipality' | 'locality';

export interface MunicipalityFilter {
  /** INEGI state key (2 digits). */
  state?: string;
  /** Accent- and case-insensitive words that must all appear in the name; or digits, matching the start of the code. */
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface ScianFilter {
  /** Accent- and case-insensitive words that must all appear in the title; or digits, matching the start of the code. */
  q?: string;
  /** Only codes of this level (2 = sector … 6 = clase). */
  digits?: ScianDigits;
  /**
   * Only the children of this code; with `digits`, its descendants at that level. A 2-digit alias of a range
   * sector (`32`) means the part of the range under that prefix (subsectors `32x`). Unknown → 400 on `query.parent`.
   */
  parent?: string;
  page?: number;
  pageSize?: number;
}

const DEFAULT_PAGE_SIZE = 50;
/** How many unknown codes an error message quotes (the details name every one). */
const CODES_IN_MESSAGE = 20;

const GEO_DIGITS: Record<GeoCodeLevel, number> = { state: 2, municipality: 5, locality: 9 };

interface Indexed<T> {
  item: T;
  /** Folded (lower case, no diacritics) name or title. */
  folded: string;
}

interface IndexedScian extends Indexed<ScianEntry> {
  /** Codes of every ancestor, nearest first. */
  ancestors: string[];
}

interface ReferenceIndex {
  states: readonly RefState[];
  stateByCode: ReadonlyMap<string, RefState>;
  municipalities: readonly Indexed<RefMunicipality>[];
  municipalityByCode: ReadonlyMap<string, RefMunicipality>;
  scian: readonly IndexedScian[];
  scianByCode: ReadonlyMap<string, IndexedScian>;
}

/** Code order: plain string order, so each SCIAN code comes right before its descendants (`31-33` < `311` < `3111`). */
function byCode(a: { code: string }, b: { code: string }): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/**
 * What a `q` matches: digits (and a range's hyphen) match the start of the code; anything else is split into
 * words that must all appear in the folded text.
 */
function textMatcher(q: string | undefined, aliasOf: (code: string) => string = (code) => code): ((code: string, folded: string) => boolean) | undefined {
  const query = q?.trim() ?? '';
  if (query === '') return undefined;
  if (/^\d[\d-]*$/.test(query)) {
    const alias = aliasOf(query);
    return (code) => code.startsWith(query) || code === alias;
  }
  const words = foldForSearch(query).split(/\s+/).filter((word) => word !== '');
  return (_code, folded) => words.every((word) => folded.includes(word));
}

function paginate<T>(items: T[], page = 1, pageSize = DEFAULT_PAGE_SIZE): Page<T> {
  const start = (page - 1) * pageSize;
  return { items: items.slice(start, start + pageSize), total: items.length, page, pageSize };
}

function quoted(codes: string[]): string {
  const unique = [...new Set(codes)];
  const shown = unique.slice(0, CODES_IN_MESSAGE).join(', ');
  return unique.length > CODES_IN_MESSAGE ? `${shown} and ${unique.length - CODES_IN_MESSAGE} more` : shown;
}

/**
 * INEGI states and municipalities and SCIAN 2018: lists for pickers, and validators for the codes other
 * modules store. The tables never change at run time (only a migration writes them), so they are read once
 * and kept in memory; every answer is computed from that copy.
 *
 * Localities (9-digit codes) are not loaded: a locality code is accepted when its first 5 digits are a known
 * municipality. SCIAN sectors 31-33 and 48-49 are stored under their range code; `31`, `32`, `33`, `48` and
 * `49` are accepted as aliases of them.
 */
@Injectable()
export class ReferenceService {
  private loading?: Promise<ReferenceIndex>;

  constructor(private readonly repository: ReferenceRepository) {}

  /** The 32 states, by code. */
  async listStates(): Promise<RefState[]> {
    return [...(await this.index()).states];
  }

  async listMunicipalities(filter: MunicipalityFilter = {}): Promise<Page<RefMunicipality>> {
    const index = await this.index();
    const matches = textMatcher(filter.q);
    const items = index.municipalities
      .filter((entry) => (filter.state === undefined || entry.item.stateCode === filter.state) && (!matches || matches(entry.item.code, entry.folded)))
      .map((entry) => entry.item);
    return paginate(items, filter.page, filter.pageSize);
  }

  async searchScian(filter: ScianFilter = {}): Promise<Page<ScianEntry>> {
    const index = await this.index();
    const tests: Array<(entry: IndexedScian) => boolean> = [];
    if (filter.parent !== undefined) {
      const parent = index.scianByCode.get(resolveScianAlias(filter.parent));
      if (!parent) {
        throw new DomainException(400, 'UNKNOWN_CODE', `Unknown SCIAN code ${filter.parent}`, [{ path: 'query.parent', message: `unknown SCIAN code ${filter.parent}` }]);
      }
      // A 2-digit alias of a range sector keeps only the part of the range under that prefix.
      const prefix = parent.item.code === filter.parent ? '' : filter.parent;
      const digits = filter.digits ?? parent.item.digits + 1;
      tests.push((entry) => entry.item.digits === digits && entry.ancestors.includes(parent.item.code) && entry.item.code.startsWith(prefix));
    } else if (filter.digits !== undefined) {
      const digits = filter.digits;
      tests.push((entry) => entry.item.digits === digits);
    }
    const matches = textMatcher(filter.q, resolveScianAlias);
    if (matches) tests.push((entry) => matches(entry.item.code, entry.folded));
    const items = index.scian.filter((entry) => tests.every((test) => test(entry))).map((entry) => entry.item);
    return paginate(items, filter.page, filter.pageSize);
  }

  async findState(code: string): Promise<RefState | undefined> {
    return (await this.index()).stateByCode.get(code);
  }

  async findMunicipality(code: string): Promise<RefMunicipality | undefined> {
    return (await this.index()).municipalityByCode.get(code);
  }

  /** A SCIAN entry by code; `32` finds sector `31-33`. */
  async findScian(code: string): Promise<ScianEntry | undefined> {
    return (await this.index()).scianByCode.get(resolveScianAlias(code))?.item;
  }

  /**
   * Fails with 400 `UNKNOWN_CODE` naming every code of `codes` that is not a known INEGI code of `level`
   * (details `[{path: '<path>.<index>', message}]`). State: 2 digits; municipality: the 5-digit CVEGEO;
   * locality: 9 digits whose first 5 are a known municipality (localities themselves are not loaded).
   */
  async assertKnownGeoCodes(codes: readonly string[], level: GeoCodeLevel, path: string): Promise<void> {
    if (codes.length === 0) return;
    const index = await this.index();
    const details: ErrorDetail[] = [];
    const unknown: string[] = [];
    codes.forEach((code, position) => {
      const problem = this.geoProblem(index, code, level);
      if (problem === undefined) return;
      unknown.push(code);
      details.push({ path: `${path}.${position}`, message: problem });
    });
    if (details.length > 0) {
      throw new DomainException(400, 'UNKNOWN_CODE', `Unknown INEGI code${unknown.length > 1 ? 's' : ''} ${quoted(unknown)} (${level} level)`, details);
    }
  }

  /**
   * Fails with 400 `UNKNOWN_CODE` naming every code of `codes` that is not a SCIAN 2018 code of any level
   * (details `[{path: '<path>.<index>', message}]`). The range sectors are accepted as `31-33`/`48-49` and
   * as their 2-digit aliases `31`, `32`, `33`, `48`, `49`.
   */
  async assertKnownScianCodes(codes: readonly string[], path: string): Promise<void> {
    if (codes.length === 0) return;
    const index = await this.index();
    const details: ErrorDetail[] = [];
    const unknown: string[] = [];
    codes.forEach((code, position) => {
      if (typeof code === 'string' && index.scianByCode.has(resolveScianAlias(code))) return;
      unknown.push(String(code));
      details.push({ path: `${path}.${position}`, message: `unknown SCIAN code ${String(code)}` });
    });
    if (details.length > 0) {
      throw new DomainException(400, 'UNKNOWN_CODE', `Unknown SCIAN code${unknown.length > 1 ? 's' : ''} ${quoted(unknown)}`, details);
    }
  }

  private geoProblem(index: ReferenceIndex, code: string, level: GeoCodeLevel): string | undefined {
    const what = `unknown INEGI ${level} code ${String(code)}`;
    const digits = GEO_DIGITS[level];
    if (typeof code !== 'string' || !new RegExp(`^\\d{${digits}}$`).test(code)) return `${what} (a ${level} code has ${digits} digits)`;
    if (level === 'state') return index.stateByCode.has(code) ? undefined : what;
    if (level === 'municipality') return index.municipalityByCode.has(code) ? undefined : what;
    const municipality = code.slice(0, 5);
    return index.municipalityByCode.has(municipality) ? undefined : `${what} (no municipality ${municipality})`;
  }

  /** The in-memory copy, loaded on first use; a failed load is retried by the next call. */
  private index(): Promise<ReferenceIndex> {
    if (!this.loading) {
      this.loading = this.load().catch((error: unknown) => {
        this.loading = undefined;
        throw error;
      });
    }
    return this.loading;
  }

  private async load(): Promise<ReferenceIndex> {
    const [stateRows, municipalityRows, scianRows] = await Promise.all([this.repository.states(), this.repository.municipalities(), this.repository.scian()]);

    const states = stateRows
      .map((row): RefState => Object.freeze({ code: row.code, name: row.name, abbreviation: row.abbreviation, curpCode: row.curpCode, municipalityCount: row.municipalityCount }))
      .sort(byCode);

    const municipalities = municipalityRows
      .map((row): RefMunicipality => Object.freeze({ code: row.code, stateCode: row.stateCode, name: row.name, population2020: row.population2020 }))
      .sort(byCode)
      .map((item) => ({ item, folded: foldForSearch(item.name) }));

    const scianEntries = scianRows
      .map(
        (row): ScianEntry =>
          Object.freeze({ code: row.code, level: row.level, title: row.title, parentCode: row.parentCode, sector: row.sector, digits: SCIAN_LEVEL_DIGITS[row.level] }),
      )
      .sort(byCode);
    const parentOf = new Map(scianEntries.map((entry) => [entry.code, entry.parentCode]));
    const scian = scianEntries.map((item): IndexedScian => {
      const ancestors: string[] = [];
      for (let parent: string | null | undefined = item.parentCode; parent && ancestors.length < 6; parent = parentOf.get(parent)) ancestors.push(parent);
      return { item, folded: foldForSearch(item.title), ancestors };
    });

    return {
      states,
      stateByCode: new Map(states.map((state) => [state.code, state])),
      municipalities,
      municipalityByCode: new Map(municipalities.map((entry) => [entry.item.code, entry.item])),
      scian,
      scianByCode: new Map(scian.map((entry) => [entry.item.code, entry])),
    };
  }
}
