import { InitialSchema1764331200000 } from './1764331200000-InitialSchema';

/** Every migration in order, listed as classes (never globs). Add new ones at the end. */
export const MIGRATIONS = [InitialSchema1764331200000];
