import { InitialSchema1764331200000 } from './1764331200000-InitialSchema';
import { IdentityAndAudit1764417600000 } from './1764417600000-IdentityAndAudit';

/** Every migration in order, listed as classes (never globs). Add new ones at the end. */
export const MIGRATIONS = [InitialSchema1764331200000, IdentityAndAudit1764417600000];
