import { Injectable, inject } from '@angular/core';
import { AuthzService } from '../../../core/authz/authz.service';

/**
 * What the compliance UI offers, from the person's CASL ability (the API decides again):
 * officials and auditors read the findings and change their status. Reading `can()` keeps
 * computed()s and OnPush templates in step with sign-in and sign-out.
 */
@Injectable({ providedIn: 'root' })
export class CompliancePermissions {
  private readonly authz = inject(AuthzService);

  canRead(): boolean {
    return this.authz.can('read', 'ComplianceFinding');
  }

  /** Acknowledge, resolve or reopen (always with a comment). */
  canUpdate(): boolean {
    return this.authz.can('update', 'ComplianceFinding');
  }
}
