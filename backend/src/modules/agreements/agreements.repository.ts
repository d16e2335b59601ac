import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AGREEMENT_PUBLIC_STATES,
  type Agreement,
  type AgreementListQuery,
  type AgreementSignature,
  type AgreementTerms,
  type AgreementTransitionRecord,
  type AgreementVersion,
  type Page,
  type PublicAgreement,
  type PublicAgreementListQuery,
} from '@convenio/contracts';
import { abilityToSql, type AppAbility, type SqlFieldMap } from '@convenio/policies';
import { DataSource, type EntityManager } from 'typeorm';
import { containsPattern } from '../../core/database/sql-helpers';
import { fullAgreementRules } from './agreement-access';

/** CASL fields of an Agreement → SQL columns (alias `a`). */
export const AGREEMENT_SQL_FIELDS: SqlFieldMap = {
  id: { column: 'a.id', type: 'uuid' },
  providerOrganizationId: { column: 'a.provider_organization_id', type: 'uuid' },
  recipientOrganizationId: { column: 'a.recipient_organization_id', type: 'uuid' },
  state: { column: 'a.state', type: 'text' },
};

const SELECT_AGREEMENT = `a.id, a.reference, a.diagnostic_id AS "diagnosticId", a.provider_organization_id AS "providerOrganizationId",
  po.name AS "providerOrganizationName", a.recipient_organization_id AS "recipientOrganizationId", ro.name AS "recipientOrganizationName",
  a.state, a.current_version AS version, v.terms, v.terms_hash AS "termsHash", a.author_id AS "authorId", a.created_at AS "createdAt",
  a.updated_at AS "updatedAt", a.activated_at AS "activatedAt", a.ended_at AS "endedAt"`;
const FROM_AGREEMENT = `agreements a
  JOIN agreement_versions v ON v.agreement_id = a.id AND v.version = a.current_version
  JOIN organizations po ON po.id = a.provider_organization_id
  JOIN organizations ro ON ro.id = a.recipient_organization_id`;

interface AgreementRow extends Omit<Agreement, keyof AgreementTerms | 'signatures' | 'createdAt' | 'updatedAt' | 'activatedAt' | 'endedAt'> {
  terms: AgreementTerms;
  createdAt: Date;
  updatedAt: Date;
  activatedAt: Date | null;
  endedAt: Date | null;
}

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

function toAgreement(row: AgreementRow, signatures: AgreementSignature[] = []): Agreement {
  const { terms, createdAt, updatedAt, activatedAt, endedAt, ...rest } = row;
  return {
    ...rest,
    ...terms,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    activatedAt: iso(activatedAt),
    endedAt: iso(endedAt),
    signatures,
  };
}

/** Reads of agreements in reviewable SQL; lists are narrowed by the caller's CASL rules in SQL. */
@Injectable()
export class AgreementsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private run<T>(sql: string, params: Record<string, unknown>, manager?: EntityManager): Promise<T[]> {
    const [escaped, values] = this.dataSource.driver.escapeQueryWithParameters(sql, params);
    return (manager ?? this.dataSource.manager).query(escaped, values);
  }

  /** The agreement with its current terms, signatures and dataset titles; null when it does not exist. */
  async find(id: string, manager?: EntityManager): Promise<Agreement | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [row] = await this.run<AgreementRow>(`SELECT ${SELECT_AGREEMENT} FROM ${FROM_AGREEMENT} WHERE a.id = :id`, { id }, manager);
    if (!row) return null;
    const agreement = toAgreement(row, await this.signatures(id, row.version, manager));
    agreement.datasets = await this.datasetTitles(agreement.datasetIds, manager);
    return agreement;
  }

  /** The signatures of one version, provider first. */
  async signatures(agreementId: string, version: number, manager?: EntityManager): Promise<AgreementSignature[]> {
    const rows = await this.run<AgreementSignature & { signedAt: Date }>(
      `SELECT s.id, s.version, s.side, s.signer_id AS "signerId", u.full_name AS "signerName", s.organization_id AS "organizationId",
              o.name AS "organizationName", s.signed_at AS "signedAt", s.terms_hash AS "termsHash"
         FROM agreement_signatures s JOIN users u ON u.id = s.signer_id JOIN organizations o ON o.id = s.organization_id
        WHERE s.agreement_id = :agreementId AND s.version = :version ORDER BY s.side = 'recipient', s.signed_at`,
      { agreementId, version },
      manager,
    );
    return rows.map((row) => ({ ...row, signedAt: row.signedAt.toISOString() }));
  }

  /** Titles of datasets, in the order given. */
  async datasetTitles(ids: string[], manager?: EntityManager): Promise<Array<{ id: string; title: string }>> {
    if (ids.length === 0) return [];
    const rows = await this.run<{ id: string; title: string }>(`SELECT id, title FROM datasets WHERE id = ANY(CAST(:ids AS uuid[]))`, { ids }, manager);
    const titles = new Map(rows.map((row) => [row.id, row.title]));
    return ids.filter((id) => titles.has(id)).map((id) => ({ id, title: titles.get(id)! }));
  }

  /** A page of the agreements the caller may read in full (not just the public-register fields). */
  async list(query: AgreementListQuery, ability: AppAbility): Promise<Page<Agreement>> {
    const policy = abilityToSql(fullAgreementRules(ability), 'read', 'Agreement', AGREEMENT_SQL_FIELDS, { paramPrefix: 'policy' });
    const params: Record<string, unknown> = { ...policy.params, limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
    const where = [`(${policy.sql})`];
    if (query.state) {
      where.push('a.state = :state');
      params.state = query.state;
    }
    if (query.party) {
      where.push('(a.provider_organization_id = CAST(:party AS uuid) OR a.recipient_organization_id = CAST(:party AS uuid))');
      params.party = query.party;
    }
    if (query.q) {
      where.push(`(a.reference ILIKE :q OR v.terms->>'purpose' ILIKE :q)`);
      params.q = containsPattern(query.q);
    }
    const rows = await this.run<AgreementRow & { total: number }>(
      `SELECT ${SELECT_AGREEMENT}, count(*) OVER ()::int AS total FROM ${FROM_AGREEMENT}
        WHERE ${where.join(' AND ')} ORDER BY a.updated_at DESC, a.id LIMIT :limit OFFSET :offset`,
      params,
    );
    const total = await this.totalOf(rows, query.page, where, params);
    return { items: rows.map(({ total: _total, ...row }) => toAgreement(row)), total, page: query.page, pageSize: query.pageSize };
  }

  async versions(agreementId: string): Promise<AgreementVersion[]> {
    return this.versionRows(agreementId, null);
  }

  async version(agreementId: string, version: number, manager?: EntityManager): Promise<AgreementVersion | null> {
    const [row] = await this.versionRows(agreementId, version, manager);
    return row ?? null;
  }

  private async versionRows(agreementId: string, version: number | null, manager?: EntityManager): Promise<AgreementVersion[]> {
    const rows = await this.run<AgreementVersion & { createdAt: Date }>(
      `SELECT v.agreement_id AS "agreementId", v.version, v.terms, v.terms_hash AS "termsHash", v.author_id AS "authorId", u.full_name AS "authorName",
              v.change_summary AS "changeSummary", v.created_at AS "createdAt"
         FROM agreement_versions v LEFT JOIN users u ON u.id = v.author_id
        WHERE v.agreement_id = :agreementId AND (CAST(:version AS int) IS NULL OR v.version = CAST(:version AS int)) ORDER BY v.version`,
      { agreementId, version },
      manager,
    );
    return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
  }

  async history(agreementId: string): Promise<AgreementTransitionRecord[]> {
    const rows = await this.run<AgreementTransitionRecord & { at: Date }>(
      `SELECT t.id::text AS id, t.from_state AS "fromState", t.to_state AS "toState", t.event, t.version, t.actor_id AS "actorId",
              u.full_name AS "actorName", t.comment, t.at
         FROM agreement_transitions t LEFT JOIN users u ON u.id = t.actor_id
        WHERE t.agreement_id = :agreementId ORDER BY t.id`,
      { agreementId },
    );
    return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
  }

  /** The public register: active and past agreements, only the fields the public may see. */
  async publicPage(query: PublicAgreementListQuery): Promise<Page<PublicAgreement>> {
    const params: Record<string, unknown> = { states: AGREEMENT_PUBLIC_STATES, limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
    const where = ['a.state = ANY(CAST(:states AS text[]))'];
    if (query.q) {
      where.push(`(a.reference ILIKE :q OR v.terms->>'purpose' ILIKE :q OR po.name ILIKE :q OR ro.name ILIKE :q)`);
      params.q = containsPattern(query.q);
    }
    const rows = await this.run<PublicAgreement & { total: number; activatedAt: Date | null; endedAt: Date | null }>(
      `SELECT a.id, a.reference, a.state, po.name AS "providerOrganizationName", ro.name AS "recipientOrganizationName",
              (SELECT coalesce(json_agg(json_build_object('id', d.id, 'title', d.title) ORDER BY x.n), '[]')
                 FROM jsonb_array_elements_text(v.terms->'datasetIds') WITH ORDINALITY AS x(id, n) JOIN datasets d ON d.id = x.id::uuid) AS datasets,
              v.terms->>'purpose' AS purpose, v.terms->>'legalBasis' AS "legalBasis", v.terms->>'startsOn' AS "startsOn", v.terms->>'endsOn' AS "endsOn",
              a.activated_at AS "activatedAt", a.ended_at AS "endedAt", count(*) OVER ()::int AS total
         FROM ${FROM_AGREEMENT}
        WHERE ${where.join(' AND ')}
        ORDER BY coalesce(a.activated_at, a.updated_at) DESC, a.id LIMIT :limit OFFSET :offset`,
      params,
    );
    const items = rows.map(({ total: _total, activatedAt, endedAt, ...row }) => ({ ...row, activatedAt: iso(activatedAt), endedAt: iso(endedAt) }));
    return { items, total: await this.totalOf(rows, query.page, where, params), page: query.page, pageSize: query.pageSize };
  }

  /** The window count of a page; counted apart only for a page past the end (which has no rows to carry it). */
  private async totalOf(rows: Array<{ total: number }>, page: number, where: string[], params: Record<string, unknown>): Promise<number> {
    if (rows.length > 0 || page === 1) return rows[0]?.total ?? 0;
    const [count] = await this.run<{ total: number }>(`SELECT count(*)::int AS total FROM ${FROM_AGREEMENT} WHERE ${where.join(' AND ')}`, params);
    return count.total;
  }
}
