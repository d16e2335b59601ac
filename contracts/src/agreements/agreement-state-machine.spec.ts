import {
  AGREEMENT_EVENTS,
  AGREEMENT_FINAL_STATES,
  AGREEMENT_STATES,
  AGREEMENT_TRANSITIONS,
  IllegalAgreementTransitionError,
  allowedAgreementEvents,
  isAgreementEditable,
  nextAgreementState,
  transitionAgreement,
  type AgreementEvent,
  type AgreementState,
} from './agreement-state-machine';

describe('agreement state machine', () => {
  // The whole table: every (state, event) pair and where it leads, or null when illegal.
  const expected: Record<AgreementState, Partial<Record<AgreementEvent, AgreementState>>> = {
    draft: { submit: 'in_review', withdraw: 'withdrawn' },
    in_review: { request_changes: 'changes_requested', approve: 'approved', reject: 'rejected', withdraw: 'withdrawn' },
    changes_requested: { submit: 'in_review', withdraw: 'withdrawn' },
    approved: { sign: 'awaiting_signatures', withdraw: 'withdrawn' },
    awaiting_signatures: { sign: 'awaiting_signatures', activate: 'active', withdraw: 'withdrawn' },
    active: { expire: 'expired', terminate: 'terminated' },
    expired: {},
    terminated: {},
    rejected: {},
    withdrawn: {},
  };
  const cases = AGREEMENT_STATES.flatMap((state) => AGREEMENT_EVENTS.map((event) => [state, event, expected[state][event] ?? null] as const));

  it.each(cases)('%s --%s--> %s', (state, event, to) => {
    expect(nextAgreementState(state, event)).toBe(to);
    if (to === null) expect(() => transitionAgreement(state, event)).toThrow(IllegalAgreementTransitionError);
    else expect(transitionAgreement(state, event)).toBe(to);
  });

  it('names the allowed events when a move is illegal', () => {
    try {
      transitionAgreement('in_review', 'sign');
      throw new Error('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(IllegalAgreementTransitionError);
      expect((error as IllegalAgreementTransitionError).allowed).toEqual(['request_changes', 'approve', 'reject', 'withdraw']);
      expect((error as Error).message).toBe('Cannot sign an agreement in state in_review; allowed: request_changes, approve, reject, withdraw');
    }
    expect(() => transitionAgreement('expired', 'terminate')).toThrow('allowed: none (final state)');
  });

  it('has no way out of final states, and every other state is reachable from draft', () => {
    for (const state of AGREEMENT_FINAL_STATES) expect(allowedAgreementEvents(state)).toEqual([]);
    const reached = new Set<AgreementState>(['draft']);
    let grew = true;
    while (grew) {
      grew = false;
      for (const t of AGREEMENT_TRANSITIONS) if (reached.has(t.from) && !reached.has(t.to)) { reached.add(t.to); grew = true; }
    }
    expect([...reached].sort()).toEqual([...AGREEMENT_STATES].sort());
  });

  it('separates what people do from what the workflow does, and freezes terms in review', () => {
    expect(allowedAgreementEvents('in_review', 'person')).toEqual(['withdraw']);
    expect(allowedAgreementEvents('in_review', 'workflow')).toEqual(['request_changes', 'approve', 'reject']);
    expect(AGREEMENT_STATES.filter(isAgreementEditable)).toEqual(['draft', 'changes_requested']);
  });
});
