/**
 * Puts the runs a SELECT answers (one column, `run_id`) on the compliance due list, each with a
 * new mark: a check in progress that read the old mark leaves the run due (see
 * ComplianceEvaluator). Ingestion, re-checks and catalog edits all mark runs through this.
 */
export function markRunsDueSql(selectRunIds: string): string {
  return `INSERT INTO lineage_runs_due (run_id) ${selectRunIds}
    ON CONFLICT (run_id) DO UPDATE SET mark = EXCLUDED.mark`;
}
