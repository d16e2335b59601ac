import { inject } from '@angular/core';
import { type CanMatchFn, Router, type UrlSegment, type UrlTree } from '@angular/router';
import type { Action, SubjectType } from '@convenio/policies';
import { LOGIN_PATH, SessionService } from '../session/session.service';
import { AuthzService } from './authz.service';

function signInFirst(router: Router, segments: UrlSegment[]): UrlTree {
  const attempted = router.currentNavigation()?.extractedUrl;
  const returnUrl = attempted ? router.serializeUrl(attempted) : `/${segments.map((segment) => segment.path).join('/')}`;
  return router.createUrlTree([LOGIN_PATH], { queryParams: { returnUrl } });
}

/**
 * `canMatch` for a route that needs `action` on `subject` (e.g. `requireAbility('read', 'AuditEntry')`).
 * The public is sent to the sign-in page (and back afterwards); a signed-in person without the
 * permission gets the not-found page, as the API answers 404 for what one may not see.
 */
export function requireAbility(action: Action, subject: SubjectType): CanMatchFn {
  return (_route, segments) => {
    if (inject(AuthzService).can(action, subject)) return true;
    return inject(SessionService).signedIn() ? false : signInFirst(inject(Router), segments);
  };
}

/** `canMatch` for a route any signed-in person may open. */
export function requireSignedIn(): CanMatchFn {
  return (_route, segments) => inject(SessionService).signedIn() || signInFirst(inject(Router), segments);
}
