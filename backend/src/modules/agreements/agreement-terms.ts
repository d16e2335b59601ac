import { createHash } from 'node:crypto';
import { agreementTermsSchema, canonicalJson, type AgreementTermChange, type AgreementTerms } from '@convenio/contracts';

const TERM_KEYS = Object.keys(agreementTermsSchema.shape) as Array<keyof AgreementTerms>;

/** Only the terms of a request or row (what a version freezes and what is signed), in schema order. */
export function pickTerms(source: Partial<AgreementTerms> & object): Partial<AgreementTerms> {
  const terms: Record<string, unknown> = {};
  for (const key of TERM_KEYS) if ((source as Record<string, unknown>)[key] !== undefined) terms[key] = (source as Record<string, unknown>)[key];
  return terms as Partial<AgreementTerms>;
}

/** SHA-256 (hex) of the canonical JSON of the terms: what a signature binds to. */
export function termsHash(terms: AgreementTerms): string {
  return createHash('sha256').update(canonicalJson(terms), 'utf8').digest('hex');
}

/** A JSON pointer segment (RFC 6901). */
function segment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * What changed between two versions' terms, as JSON pointers. Arrays (datasets, uses) are
 * sets of members: a member only in `from` is `removed` (pointer to its index there), only in
 * `to` is `added` (its index in `to`) — reordering is not a change. Objects are compared key
 * by key; anything else that differs is `changed`.
 */
export function diffTerms(from: unknown, to: unknown, path = ''): AgreementTermChange[] {
  if (Array.isArray(from) && Array.isArray(to)) {
    const before = new Set(from.map((item) => canonicalJson(item)));
    const after = new Set(to.map((item) => canonicalJson(item)));
    const removed = from.flatMap((item, index) => (after.has(canonicalJson(item)) ? [] : [{ path: `${path}/${index}`, op: 'removed' as const, from: item }]));
    const added = to.flatMap((item, index) => (before.has(canonicalJson(item)) ? [] : [{ path: `${path}/${index}`, op: 'added' as const, to: item }]));
    return [...removed, ...added];
  }
  if (isPlainObject(from) && isPlainObject(to)) {
    const keys = [...Object.keys(from), ...Object.keys(to).filter((key) => !(key in from))];
    return keys.flatMap((key) => {
      const pointer = `${path}/${segment(key)}`;
      if (!(key in to) || to[key] === undefined) return from[key] === undefined ? [] : [{ path: pointer, op: 'removed' as const, from: from[key] }];
      if (!(key in from) || from[key] === undefined) return [{ path: pointer, op: 'added' as const, to: to[key] }];
      return diffTerms(from[key], to[key], pointer);
    });
  }
  return sameValue(from, to) ? [] : [{ path: path || '/', op: 'changed', from, to }];
}
