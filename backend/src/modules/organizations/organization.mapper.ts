import type { Organization } from '@convenio/contracts';
import { subject } from '@casl/ability';
import { permittedFieldsOf } from '@casl/ability/extra';
import type { AppAbility } from '@convenio/policies';
import type { OrganizationEntity } from './organization.entity';

function toContract(entity: OrganizationEntity): Organization {
  return {
    id: entity.id,
    name: entity.name,
    sector: entity.sector,
    rfc: entity.rfc,
    rfcWarning: entity.rfcWarning,
    stateCode: entity.stateCode,
    contactName: entity.contactName,
    contactEmail: entity.contactEmail,
    contactPhone: entity.contactPhone,
    active: entity.active,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}

/** The organization as the caller may see it: fields their rules do not grant are left out. */
export function toOrganization(entity: OrganizationEntity, ability: AppAbility): Organization {
  const full = toContract(entity);
  const fields = permittedFieldsOf(ability, 'read', subject('Organization', { ...entity }), {
    fieldsFrom: (rule) => rule.fields ?? (Object.keys(full) as string[]),
  });
  return Object.fromEntries(Object.entries(full).filter(([key]) => fields.includes(key))) as Organization;
}

/** The audit summary of an organization (no contact details: they are personal data). */
export function organizationSummary(entity: OrganizationEntity): Record<string, unknown> {
  return { name: entity.name, sector: entity.sector, rfc: entity.rfc, stateCode: entity.stateCode, active: entity.active };
}
