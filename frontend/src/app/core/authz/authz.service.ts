import { type Provider, Injectable, inject } from '@angular/core';
import { PureAbility } from '@casl/ability';
import { type PackRule, unpackRules } from '@casl/ability/extra';
import { AbilityServiceSignal } from '@casl/angular';
import { type Action, type AppAbility, type AppRule, type SubjectType, createAppAbility, defineRulesFor } from '@convenio/policies';

/** A permission as the UI asks for it: an action on a subject type (no record conditions). */
export interface Permission {
  readonly action: Action;
  readonly subject: SubjectType;
}

/**
 * The one `AppAbility` of the app, as CASL's `PureAbility` token (what @casl/angular's
 * `AbilityServiceSignal` and pipes read). It starts with the public rules.
 */
export function provideAuthz(): Provider[] {
  return [{ provide: PureAbility, useFactory: () => createAppAbility(defineRulesFor(null)) }];
}

/**
 * What the signed-in person (or the public) may do, for templates, computed signals and guards.
 *
 * Built on @casl/angular's `AbilityServiceSignal`: its `can()` reads a signal that changes
 * whenever the ability's rules are replaced, so `computed()`s and OnPush templates calling
 * `can()` update by themselves on sign-in, refresh and sign-out. This service only adds the
 * typed surface and the two ways rules arrive (packed from `/auth/me`, or the public ones).
 */
@Injectable({ providedIn: 'root' })
export class AuthzService {
  private readonly abilitySignal = inject<AbilityServiceSignal<AppAbility>>(AbilityServiceSignal);
  /** The ability itself (for record-level checks with `subject()`); read `can()` for reactivity. */
  readonly ability = inject(PureAbility) as AppAbility;

  can(action: Action, subject: SubjectType): boolean {
    return this.abilitySignal.can(action, subject);
  }

  allows(permission: Permission): boolean {
    return this.can(permission.action, permission.subject);
  }

  /** The rules of `/auth/me` (packed on the server with `packRules`). */
  usePackedRules(packed: unknown[][]): void {
    this.useRules(unpackRules(packed as PackRule<AppRule>[]));
  }

  useRules(rules: AppRule[]): void {
    this.abilitySignal.update(rules);
  }

  /** Back to what anyone may do without signing in. */
  usePublicRules(): void {
    this.useRules(defineRulesFor(null));
  }
}
