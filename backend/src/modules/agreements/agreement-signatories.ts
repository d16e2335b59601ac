import type { AgreementSignature } from '@convenio/contracts';
import type { Principal } from '../../core/auth/principal';
import type { AgreementParties } from './agreement-access';

export type SigningSide = AgreementSignature['side'];

/**
 * The side the caller signs for: a partner or steward of the provider signs for the provider,
 * an official of the recipient for the recipient; null when the caller signs for neither.
 */
export function signingSideOf(principal: Pick<Principal, 'organizationId' | 'roles'>, agreement: Omit<AgreementParties, 'id' | 'state'>): SigningSide | null {
  if (principal.organizationId === agreement.providerOrganizationId && principal.roles.some((role) => role === 'partner' || role === 'steward')) return 'provider';
  if (principal.organizationId === agreement.recipientOrganizationId && principal.roles.includes('official')) return 'recipient';
  return null;
}

/** The roles that sign for a side, as stored in `users.roles`. */
export const SIGNER_ROLES: Record<SigningSide, readonly string[]> = { provider: ['partner', 'steward'], recipient: ['official'] };
