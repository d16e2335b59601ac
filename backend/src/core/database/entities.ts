import { ApiKeyEntity } from '../../modules/api-keys/api-key.entity';
import { RefreshTokenEntity } from '../../modules/auth/refresh-token.entity';
import { DatasetAccessPolicyEntity } from '../../modules/datasets/dataset-access-policy.entity';
import { DatasetEntity } from '../../modules/datasets/dataset.entity';
import { OrganizationEntity } from '../../modules/organizations/organization.entity';
import { RefMunicipalityEntity } from '../../modules/reference/ref-municipality.entity';
import { RefScianEntity } from '../../modules/reference/ref-scian.entity';
import { RefStateEntity } from '../../modules/reference/ref-state.entity';
import { UserEntity } from '../../modules/users/user.entity';
import { AuditChainHeadEntity, AuditEntryEntity } from '../audit/audit-entry.entity';

/** Every entity, listed as classes (never globs) so bundles and tests see the same set. */
export const ENTITIES = [OrganizationEntity, UserEntity, RefreshTokenEntity, ApiKeyEntity, AuditEntryEntity, AuditChainHeadEntity, DatasetEntity, DatasetAccessPolicyEntity, RefStateEntity, RefMunicipalityEntity, RefScianEntity];
