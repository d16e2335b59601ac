import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { StoredPolicyRule } from '@convenio/contracts';
import { defineAbilityFor, type AppAbility } from '@convenio/policies';
import { DataSource } from 'typeorm';

/** How long a replica trusts its copy before asking whether a policy changed. */
const RECHECK_MS = 2000;

interface Snapshot {
  stamp: string;
  rules: StoredPolicyRule[];
  publicAbility: AppAbility;
  checkedAt: number;
}

/**
 * The current version of every dataset access policy, as stored CASL rules, kept in memory.
 * Each replica re-checks a cheap stamp (count and newest version time) at most every 2 s and
 * reloads only when it changed; a save on this replica invalidates at once.
 */
@Injectable()
export class StoredPolicyRules {
  private snapshot: Snapshot | null = null;
  private loading: Promise<Snapshot> | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async current(): Promise<StoredPolicyRule[]> {
    return (await this.fresh()).rules;
  }

  /** The ability of the public (no sign-in), with the stored rules that speak of everyone. */
  async publicAbility(): Promise<AppAbility> {
    return (await this.fresh()).publicAbility;
  }

  invalidate(): void {
    this.snapshot = null;
  }

  private async fresh(): Promise<Snapshot> {
    const snapshot = this.snapshot;
    if (snapshot && Date.now() - snapshot.checkedAt < RECHECK_MS) return snapshot;
    this.loading ??= this.reload(snapshot).finally(() => (this.loading = null));
    try {
      return await this.loading;
    } catch {
      // Database away: keep the last copy, or role rules only. Every route that could use a
      // stored rule needs the database anyway, so this only keeps /api/health answering.
      return snapshot ?? { stamp: '', rules: [], publicAbility: defineAbilityFor(null, []), checkedAt: 0 };
    }
  }

  private async reload(previous: Snapshot | null): Promise<Snapshot> {
    const [{ stamp }] = await this.dataSource.query(`SELECT count(*)::text || ':' || coalesce(max(created_at)::text, '') AS stamp FROM dataset_access_policies`);
    if (previous && previous.stamp === stamp) {
      this.snapshot = { ...previous, checkedAt: Date.now() };
      return this.snapshot;
    }
    const rows: Array<{ rules: StoredPolicyRule[] }> = await this.dataSource.query(
      `SELECT DISTINCT ON (dataset_id) rules FROM dataset_access_policies ORDER BY dataset_id, version DESC`,
    );
    const rules = rows.flatMap((row) => row.rules);
    this.snapshot = { stamp, rules, publicAbility: defineAbilityFor(null, rules), checkedAt: Date.now() };
    return this.snapshot;
  }
}
