import { type EnvironmentProviders, inject, provideAppInitializer } from '@angular/core';
import { SessionService } from './session.service';

/** Restores a remembered session before the first navigation (so guards see who it is). */
export function provideSession(): EnvironmentProviders {
  return provideAppInitializer(() => inject(SessionService).restore());
}
