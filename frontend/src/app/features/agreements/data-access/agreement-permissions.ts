import { Injectable, inject } from '@angular/core';
import { subject } from '@casl/ability';
import { type Agreement, isAgreementEditable } from '@convenio/contracts';
import { AuthzService } from '../../../core/authz/authz.service';

/**
 * What the agreements UI offers, from the person's CASL ability (the API decides again). The
 * type-level `can()` is read first: it is the signal that follows sign-in and sign-out.
 */
@Injectable({ providedIn: 'root' })
export class AgreementPermissions {
  private readonly authz = inject(AuthzService);

  canCreate(): boolean {
    return this.authz.can('create', 'Agreement');
  }

  /** New versions: only while the terms may change, by those who steer the agreement. */
  canEdit(agreement: Agreement): boolean {
    if (!isAgreementEditable(agreement.state) || !this.authz.can('update', 'Agreement')) return false;
    const { id, providerOrganizationId, recipientOrganizationId, state } = agreement;
    return this.authz.ability.can('update', subject('Agreement', { id, providerOrganizationId, recipientOrganizationId, state }));
  }

  canComment(agreementId: string): boolean {
    return this.authz.can('create', 'AgreementComment') && this.authz.ability.can('create', subject('AgreementComment', { agreementId, visibility: 'parties' }));
  }

  /** Internal reviewer notes: officials and stewards; partners never. */
  canCommentInternally(agreementId: string): boolean {
    return this.authz.can('create', 'AgreementComment') && this.authz.ability.can('create', subject('AgreementComment', { agreementId, visibility: 'internal' }));
  }
}
