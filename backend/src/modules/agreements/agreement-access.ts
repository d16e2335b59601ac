import { subject } from '@casl/ability';
import type { AnyMongoAbility } from '@casl/ability';
import type { Action, AppAbility } from '@convenio/policies';
import { DomainException } from '../../core/errors/domain.exception';

/**
 * A field outside the public-register fields (AGREEMENT_PUBLIC_FIELDS in policies/). Everyone
 * may read those few fields of an active or past agreement; reading the agreement itself
 * (terms, signatures, comments, history) needs a rule that is not limited to them.
 */
const PRIVATE_FIELD = 'signatures';

export interface AgreementParties {
  id: string;
  providerOrganizationId: string;
  recipientOrganizationId: string;
  state: string;
}

const asSubject = (agreement: AgreementParties) =>
  subject('Agreement', {
    id: agreement.id,
    providerOrganizationId: agreement.providerOrganizationId,
    recipientOrganizationId: agreement.recipientOrganizationId,
    state: agreement.state,
  });

/** May the caller read this agreement in full (not just its public-register entry)? */
export function canReadAgreement(ability: AppAbility, agreement: AgreementParties): boolean {
  return ability.can('read', asSubject(agreement), PRIVATE_FIELD);
}

export function canOnAgreement(ability: AppAbility, action: Action, agreement: AgreementParties): boolean {
  return ability.can(action, asSubject(agreement));
}

/** 404 for an agreement the caller may not read (its existence is not revealed). */
export function assertReadable(ability: AppAbility, agreement: AgreementParties | null): asserts agreement is AgreementParties {
  if (!agreement || !canReadAgreement(ability, agreement)) throw new DomainException(404, 'AGREEMENT_NOT_FOUND', 'Agreement not found');
}

/** 404 when unreadable; 422 when readable but `action` is not the caller's to take. */
export function assertAllowed(ability: AppAbility, action: Action, agreement: AgreementParties | null): asserts agreement is AgreementParties {
  assertReadable(ability, agreement);
  if (!canOnAgreement(ability, action, agreement)) {
    throw new DomainException(422, 'AGREEMENT_ACTION_NOT_PERMITTED', `You may not ${action} this agreement`, { action });
  }
}

/**
 * The caller's rules as seen by the CASL→SQL translator, limited to those that grant the
 * whole agreement: the public-register rule (limited to public fields) is left out, so a list
 * of "my agreements" never includes other organizations' active ones.
 */
export function fullAgreementRules(ability: AppAbility): AnyMongoAbility {
  return { rulesFor: (action: string, subjectType: string) => ability.rulesFor(action as Action, subjectType as 'Agreement', PRIVATE_FIELD) } as unknown as AnyMongoAbility;
}
