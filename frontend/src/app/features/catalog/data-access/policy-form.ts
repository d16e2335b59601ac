import type { AccessAudience, DatasetAccessPolicy, DatasetAccessPolicyInput, HiddenColumn, OrganizationSector } from '@convenio/contracts';

export interface AudienceFormValue {
  everyone: boolean;
  signedIn: boolean;
  sectors: OrganizationSector[];
  organizationIds: string[];
}

export interface HiddenColumnFormValue {
  column: string;
  hiddenFrom: HiddenColumn['hiddenFrom'];
}

export interface PolicyFormValue {
  metadata: AudienceFormValue;
  request: AudienceFormValue;
  hiddenColumns: HiddenColumnFormValue[];
}

const EMPTY_AUDIENCE: AudienceFormValue = { everyone: false, signedIn: false, sectors: [], organizationIds: [] };

function audienceToForm(audience: AccessAudience | undefined): AudienceFormValue {
  if (!audience) return { ...EMPTY_AUDIENCE };
  return { everyone: audience.everyone, signedIn: audience.signedIn, sectors: [...audience.sectors], organizationIds: [...audience.organizationIds] };
}

export function policyToFormValue(policy: DatasetAccessPolicy | null): PolicyFormValue {
  return {
    metadata: audienceToForm(policy?.metadata),
    request: audienceToForm(policy?.request),
    hiddenColumns: (policy?.hiddenColumns ?? []).map((hidden) => ({ ...hidden })),
  };
}

/** "Everyone" already includes the signed-in: a narrower choice under it says nothing more. */
function audienceBody(audience: AudienceFormValue): AccessAudience {
  return {
    everyone: audience.everyone,
    signedIn: audience.everyone ? false : audience.signedIn,
    sectors: [...new Set(audience.sectors)],
    organizationIds: [...new Set(audience.organizationIds)],
  };
}

/**
 * The PUT /datasets/:id/access-policy body: both audiences, and each column hidden once
 * (rows without a column are dropped; a column listed twice keeps its stricter choice).
 */
export function toPolicyInput(value: PolicyFormValue): DatasetAccessPolicyInput {
  const hidden = new Map<string, HiddenColumn['hiddenFrom']>();
  for (const row of value.hiddenColumns) {
    const column = row.column.trim();
    if (!column) continue;
    hidden.set(column, hidden.get(column) === 'everyone' ? 'everyone' : row.hiddenFrom);
  }
  return {
    metadata: audienceBody(value.metadata),
    request: audienceBody(value.request),
    hiddenColumns: [...hidden].map(([column, hiddenFrom]) => ({ column, hiddenFrom })),
  };
}
