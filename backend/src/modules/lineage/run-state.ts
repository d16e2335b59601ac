import { LINEAGE_RUN_STATES, LINEAGE_TERMINAL_STATES, type LineageRunState } from '@convenio/contracts';

/** A run's state as of one event: the state and the event time it was reached at. */
export interface StateAt {
  state: LineageRunState | null;
  time: string | null;
}

const rank = (state: LineageRunState) => (LINEAGE_TERMINAL_STATES.includes(state) ? 3 : state === 'RUNNING' ? 2 : 1);
const isTerminal = (state: LineageRunState) => LINEAGE_TERMINAL_STATES.includes(state);

/** The state an OpenLineage `eventType` sets (OTHER and a missing type set none). */
export function stateOf(eventType: unknown): LineageRunState | null {
  return typeof eventType === 'string' && (LINEAGE_RUN_STATES as readonly string[]).includes(eventType) ? (eventType as LineageRunState) : null;
}

/**
 * Whether an event's state replaces the run's current one, whatever order events arrive in:
 * a terminal state (COMPLETE, FAIL, ABORT) is never left for START or RUNNING; otherwise the
 * later event time wins (at equal times the further state). Mirrored by the SQL function
 * `lineage_state_wins` of the Lineage migration.
 */
export function stateWins(current: StateAt, next: StateAt): boolean {
  if (!next.state || !next.time) return false;
  if (!current.state || !current.time) return true;
  const [was, now] = [isTerminal(current.state), isTerminal(next.state)];
  if (now !== was) return now;
  const [a, b] = [Date.parse(current.time), Date.parse(next.time)];
  return b > a || (b === a && rank(next.state) > rank(current.state));
}
