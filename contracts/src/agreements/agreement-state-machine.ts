/**
 * The agreement lifecycle, defined once: the backend enforces it, the UI draws it.
 *
 * draft → in_review ⇄ changes_requested → approved → awaiting_signatures → active → expired | terminated,
 * plus rejected and withdrawn. Terms may change only in `draft` and `changes_requested`;
 * a change there makes a new version, and submitting it (re)starts review at the first step.
 */
export const AGREEMENT_STATES = [
  'draft', 'in_review', 'changes_requested', 'approved', 'awaiting_signatures', 'active', 'expired', 'terminated', 'rejected', 'withdrawn',
] as const;
export type AgreementState = (typeof AGREEMENT_STATES)[number];

export const AGREEMENT_EVENTS = ['submit', 'request_changes', 'approve', 'reject', 'withdraw', 'sign', 'activate', 'expire', 'terminate'] as const;
export type AgreementEvent = (typeof AGREEMENT_EVENTS)[number];

/** Who may cause an event: a person through the API, or the workflow (worker/scheduler) only. */
export type AgreementEventActor = 'person' | 'workflow';

export interface AgreementTransition {
  from: AgreementState;
  event: AgreementEvent;
  to: AgreementState;
  by: AgreementEventActor;
}

/** Every legal move. Anything not listed is illegal (409 naming the allowed ones). */
export const AGREEMENT_TRANSITIONS: readonly AgreementTransition[] = [
  { from: 'draft', event: 'submit', to: 'in_review', by: 'person' },
  { from: 'draft', event: 'withdraw', to: 'withdrawn', by: 'person' },
  { from: 'in_review', event: 'request_changes', to: 'changes_requested', by: 'workflow' },
  { from: 'in_review', event: 'approve', to: 'approved', by: 'workflow' },
  { from: 'in_review', event: 'reject', to: 'rejected', by: 'workflow' },
  { from: 'in_review', event: 'withdraw', to: 'withdrawn', by: 'person' },
  { from: 'changes_requested', event: 'submit', to: 'in_review', by: 'person' },
  { from: 'changes_requested', event: 'withdraw', to: 'withdrawn', by: 'person' },
  { from: 'approved', event: 'sign', to: 'awaiting_signatures', by: 'person' },
  { from: 'approved', event: 'withdraw', to: 'withdrawn', by: 'person' },
  // A later signature keeps the agreement waiting until every side has signed.
  { from: 'awaiting_signatures', event: 'sign', to: 'awaiting_signatures', by: 'person' },
  { from: 'awaiting_signatures', event: 'activate', to: 'active', by: 'workflow' },
  { from: 'awaiting_signatures', event: 'withdraw', to: 'withdrawn', by: 'person' },
  { from: 'active', event: 'expire', to: 'expired', by: 'workflow' },
  { from: 'active', event: 'terminate', to: 'terminated', by: 'person' },
];

/** States with no way out. */
export const AGREEMENT_FINAL_STATES: readonly AgreementState[] = ['expired', 'terminated', 'rejected', 'withdrawn'];

/** States where the terms may be edited (each edit is a new immutable version). */
export const AGREEMENT_EDITABLE_STATES: readonly AgreementState[] = ['draft', 'changes_requested'];

/** States shown in the public register. */
export const AGREEMENT_PUBLIC_STATES: readonly AgreementState[] = ['active', 'expired', 'terminated'];

/** The state an event leads to from `from`, or null when the move is illegal. */
export function nextAgreementState(from: AgreementState, event: AgreementEvent): AgreementState | null {
  return AGREEMENT_TRANSITIONS.find((t) => t.from === from && t.event === event)?.to ?? null;
}

/** The events allowed from a state (optionally only those a given actor may cause). */
export function allowedAgreementEvents(from: AgreementState, by?: AgreementEventActor): AgreementEvent[] {
  return AGREEMENT_TRANSITIONS.filter((t) => t.from === from && (by === undefined || t.by === by)).map((t) => t.event);
}

export function isAgreementEditable(state: AgreementState): boolean {
  return AGREEMENT_EDITABLE_STATES.includes(state);
}

/** Thrown (and mapped to 409 by the backend) when an event is illegal in a state. */
export class IllegalAgreementTransitionError extends Error {
  constructor(
    readonly from: AgreementState,
    readonly event: AgreementEvent,
    readonly allowed: AgreementEvent[],
  ) {
    super(`Cannot ${event} an agreement in state ${from}; allowed: ${allowed.length ? allowed.join(', ') : 'none (final state)'}`);
    this.name = 'IllegalAgreementTransitionError';
  }
}

/** The next state, or an IllegalAgreementTransitionError listing the allowed events. */
export function transitionAgreement(from: AgreementState, event: AgreementEvent): AgreementState {
  const to = nextAgreementState(from, event);
  if (to === null) throw new IllegalAgreementTransitionError(from, event, allowedAgreementEvents(from));
  return to;
}
