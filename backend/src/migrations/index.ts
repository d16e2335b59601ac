import { InitialSchema1764331200000 } from './1764331200000-InitialSchema';
import { IdentityAndAudit1764417600000 } from './1764417600000-IdentityAndAudit';
import { Catalog1764590400000 } from './1764590400000-Catalog';
import { DatasetAccessPolicies1764676800000 } from './1764676800000-DatasetAccessPolicies';
import { ReferenceData1764504000000 } from './1764504000000-ReferenceData';
import { Diagnostics1764849600000 } from './1764849600000-Diagnostics';
import { AgreementsAndApprovals1764936000000 } from './1764936000000-AgreementsAndApprovals';

/** Every migration in order, listed as classes (never globs). Add new ones at the end. */
export const MIGRATIONS = [InitialSchema1764331200000, IdentityAndAudit1764417600000, Catalog1764590400000, DatasetAccessPolicies1764676800000, ReferenceData1764504000000, Diagnostics1764849600000, AgreementsAndApprovals1764936000000];
