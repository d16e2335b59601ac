import { Component } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { signInAs } from '../../../testing/session-testing';
import { AuthzService, provideAuthz } from './authz.service';
import { requireAbility } from './require-ability.guard';

@Component({ template: 'page' })
class PageComponent {}

@Component({ template: 'not found' })
class NotFoundComponent {}

describe('requireAbility (canMatch) and AuthzService', () => {
  let router: Router;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'ingresar', component: PageComponent },
          { path: 'auditoria', canMatch: [requireAbility('read', 'AuditEntry')], component: PageComponent },
          { path: '**', component: NotFoundComponent },
        ]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideAuthz(),
      ],
    });
    router = TestBed.inject(Router);
  });

  it('sends the public to the sign-in page, remembering where it was going', async () => {
    await router.navigateByUrl('/auditoria?actor=x');
    expect(router.url).toBe('/ingresar?returnUrl=%2Fauditoria%3Factor%3Dx');
  });

  it('lets in whoever may read the audit trail (an official)', async () => {
    await signInAs(['official']);
    await router.navigateByUrl('/auditoria');
    expect(router.url).toBe('/auditoria');
  });

  it('shows the not-found page to a signed-in person without the permission (the admin)', async () => {
    await signInAs(['admin']);
    await router.navigateByUrl('/auditoria');
    expect(router.url).toBe('/auditoria');
    expect(router.routerState.snapshot.root.firstChild?.routeConfig?.path).toBe('**');
  });

  it('starts with the public rules and takes packed rules', async () => {
    const authz = TestBed.inject(AuthzService);
    expect(authz.can('read', 'Organization')).toBe(true);
    expect(authz.can('read', 'User')).toBe(false);
    await signInAs(['steward']);
    expect(authz.can('create', 'ApiKey')).toBe(true);
    expect(authz.can('read', 'AuditEntry')).toBe(false);
    authz.usePublicRules();
    expect(authz.can('create', 'ApiKey')).toBe(false);
  });
});
