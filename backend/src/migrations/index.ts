import { InitialSchema1764331200000 } from './1764331200000-InitialSchema';
import { IdentityAndAudit1764417600000 } from './1764417600000-IdentityAndAudit';
import { Catalog1764590400000 } from './1764590400000-Catalog';
import { DatasetAccessPolicies1764676800000 } from './1764676800000-DatasetAccessPolicies';
import { ReferenceData1764504000000 } from './1764504000000-ReferenceData';
import { CatalogSearchTable1764763200000 } from './1764763200000-CatalogSearchTable';
import { Diagnostics1764849600000 } from './1764849600000-Diagnostics';
import { AgreementsAndApprovals1764936000000 } from './1764936000000-AgreementsAndApprovals';
import { DataRequestOpenUnique1765022400000 } from './1765022400000-DataRequestOpenUnique';
import { NotificationEmail1765281600000 } from './1765281600000-NotificationEmail';
import { Lineage1765454400000 } from './1765454400000-Lineage';
import { AnonymizationJobsAndReleases1765627200000 } from './1765627200000-AnonymizationJobsAndReleases';
import { ComplianceFindings1765800000000 } from './1765800000000-ComplianceFindings';
import { ComplianceDueRuns1765972800000 } from './1765972800000-ComplianceDueRuns';
import { AnonymizationInputRetention1766145600000 } from './1766145600000-AnonymizationInputRetention';

/** Every migration in timestamp order (TypeORM runs them by timestamp), listed as classes, never globs. */
export const MIGRATIONS = [
  InitialSchema1764331200000,
  IdentityAndAudit1764417600000,
  ReferenceData1764504000000,
  Catalog1764590400000,
  DatasetAccessPolicies1764676800000,
  CatalogSearchTable1764763200000,
  Diagnostics1764849600000,
  AgreementsAndApprovals1764936000000,
  DataRequestOpenUnique1765022400000,
  NotificationEmail1765281600000,
  Lineage1765454400000,
  AnonymizationJobsAndReleases1765627200000,
  ComplianceFindings1765800000000,
  ComplianceDueRuns1765972800000,
  AnonymizationInputRetention1766145600000,
];
