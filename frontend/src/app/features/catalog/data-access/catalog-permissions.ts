import { Injectable, inject } from '@angular/core';
import { subject } from '@casl/ability';
import type { Dataset } from '@convenio/contracts';
import { AuthzService } from '../../../core/authz/authz.service';

type DatasetAction = 'update' | 'explain';

/**
 * What the catalog UI offers, from the person's CASL ability (the API decides again).
 * `AuthzService.can()` is read first: it is the signal that changes on sign-in and sign-out,
 * so computed()s and OnPush templates calling these update by themselves; the record-level
 * check (`subject('Dataset', …)`: the steward's own organization) follows on the same ability.
 */
@Injectable({ providedIn: 'root' })
export class CatalogPermissions {
  private readonly authz = inject(AuthzService);

  /** Stewards describe datasets of their own organization. */
  canCreate(): boolean {
    return this.authz.can('create', 'Dataset');
  }

  /** Edit the dataset and its access policy: the stewards of the owner organization. */
  canEdit(dataset: Dataset): boolean {
    return this.allows('update', dataset);
  }

  /** "Who may access?": officials, auditors and the dataset's stewards. */
  canExplain(dataset: Dataset): boolean {
    return this.allows('explain', dataset);
  }

  private allows(action: DatasetAction, dataset: Dataset): boolean {
    if (!this.authz.can(action, 'Dataset')) return false;
    const { id, ownerOrganizationId, status, sensitivity } = dataset;
    return this.authz.ability.can(action, subject('Dataset', { id, ownerOrganizationId, status, sensitivity }));
  }
}
