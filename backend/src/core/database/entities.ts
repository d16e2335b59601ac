import { ApiKeyEntity } from '../../modules/api-keys/api-key.entity';
import { RefreshTokenEntity } from '../../modules/auth/refresh-token.entity';
import { DatasetAccessPolicyEntity } from '../../modules/datasets/dataset-access-policy.entity';
import { DatasetEntity } from '../../modules/datasets/dataset.entity';
import { OrganizationEntity } from '../../modules/organizations/organization.entity';
import { UserEntity } from '../../modules/users/user.entity';
import { AuditChainHeadEntity, AuditEntryEntity } from '../audit/audit-entry.entity';

/** Every entity, listed as classes (never globs) so bundles and tests see the same set. */
export const ENTITIES = [OrganizationEntity, UserEntity, RefreshTokenEntity, ApiKeyEntity, AuditEntryEntity, AuditChainHeadEntity, DatasetEntity, DatasetAccessPolicyEntity];
