import { Injectable, inject } from '@angular/core';
import { subject } from '@casl/ability';
import type { Agreement, AnonymizationJob } from '@convenio/contracts';
import { AuthzService } from '../../../core/authz/authz.service';

/**
 * What the anonymization and release UI offers, from the person's CASL ability (the API decides
 * again). The type-level `can()` is read first: it is the signal that follows sign-in and sign-out.
 */
@Injectable({ providedIn: 'root' })
export class AnonymizationPermissions {
  private readonly authz = inject(AuthzService);

  canRead(): boolean {
    return this.authz.can('read', 'AnonymizationJob');
  }

  /** Stewards anonymize their own organization's data. */
  canCreate(): boolean {
    return this.authz.can('create', 'AnonymizationJob');
  }

  /** Cancelling a job, or deleting its original file once it has ended (one rule: `delete AnonymizationJob`): the stewards of the job's organization. */
  canDelete(job: AnonymizationJob): boolean {
    if (!this.authz.can('delete', 'AnonymizationJob')) return false;
    const { id, organizationId, createdById } = job;
    return this.authz.ability.can('delete', subject('AnonymizationJob', { id, organizationId, createdById }));
  }

  canReadReleases(): boolean {
    return this.authz.can('read', 'Release');
  }

  /** Delivering under an agreement: the provider's stewards. */
  canCreateRelease(agreement: Agreement): boolean {
    if (!this.authz.can('create', 'Release')) return false;
    const { id, providerOrganizationId, recipientOrganizationId } = agreement;
    return this.authz.ability.can('create', subject('Release', { agreementId: id, providerOrganizationId, recipientOrganizationId }));
  }
}
