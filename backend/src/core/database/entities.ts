import { OrganizationEntity } from '../../modules/organizations/organization.entity';

/** Every entity, listed as classes (never globs) so bundles and tests see the same set. */
export const ENTITIES = [OrganizationEntity];
