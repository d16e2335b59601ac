import { subject } from '@casl/ability';
import type { DatasetAccessPolicyInput } from '@convenio/contracts';
import { compileDatasetPolicy, describeDatasetPolicy } from './dataset-policy';
import { defineAbilityFor, type PolicyUser } from './define-ability-for';

const OWNER = 'org-owner';
const dataset = (id: string) => subject('Dataset', { id, ownerOrganizationId: OWNER, status: 'published', sensitivity: 'confidential' });
const partner = (organizationId = 'org-p'): PolicyUser => ({ id: 'u', organizationId, organizationSector: 'private', roles: ['partner'] });
const academic: PolicyUser = { id: 'a', organizationId: 'org-a', organizationSector: 'academic', roles: ['partner'] };
const empty = { everyone: false, signedIn: false, sectors: [], organizationIds: [] };

const policy: DatasetAccessPolicyInput = {
  metadata: { ...empty, signedIn: true },
  request: { ...empty, sectors: ['private'] },
  hiddenColumns: [{ column: 'curp', hiddenFrom: 'everyone' }, { column: 'ingreso', hiddenFrom: 'outsideOwner' }],
};

describe('dataset access policies', () => {
  const rules = compileDatasetPolicy('ds-1', OWNER, policy);

  it('lets the audiences it names see and request the dataset, and nobody else', () => {
    expect(defineAbilityFor(partner(), rules).can('request', dataset('ds-1'))).toBe(true);
    expect(defineAbilityFor(academic, rules).can('request', dataset('ds-1'))).toBe(false);
    expect(defineAbilityFor(academic, rules).can('read', dataset('ds-1'))).toBe(true);
    expect(defineAbilityFor(null, rules).can('read', dataset('ds-1'))).toBe(false);
    expect(defineAbilityFor(partner(), rules).can('request', dataset('ds-2'))).toBe(false);
  });

  it('hides columns from whom it says, even from roles that read everything', () => {
    const official: PolicyUser = { id: 'o', organizationId: 'org-se', organizationSector: 'public', roles: ['official'] };
    const ability = defineAbilityFor(official, rules);
    expect(ability.can('read', dataset('ds-1'))).toBe(true);
    expect(ability.can('read', dataset('ds-1'), 'columns.curp')).toBe(false);
    expect(ability.can('read', dataset('ds-1'), 'columns.ingreso')).toBe(false);
    expect(ability.can('read', dataset('ds-1'), 'columns.edad')).toBe(true);
    const owner: PolicyUser = { id: 's', organizationId: OWNER, organizationSector: 'public', roles: ['steward'] };
    expect(defineAbilityFor(owner, rules).can('read', dataset('ds-1'), 'columns.ingreso')).toBe(true);
    expect(defineAbilityFor(owner, rules).can('read', dataset('ds-1'), 'columns.curp')).toBe(false);
  });

  it('merges many datasets into one rule per action', () => {
    const many = ['a', 'b', 'c'].flatMap((id) => compileDatasetPolicy(id, OWNER, { ...policy, hiddenColumns: [] }));
    const ability = defineAbilityFor(partner(), many);
    const requestRules = ability.rulesFor('request', 'Dataset').filter((rule) => rule.reason === 'dataset access policy');
    expect(requestRules).toHaveLength(1);
    expect(ability.can('request', dataset('b'))).toBe(true);
  });

  it('reads as plain sentences in Spanish and English', () => {
    expect(describeDatasetPolicy(policy, 'en')).toEqual([
      'Every signed-in person may see this dataset’s description.',
      'Organizations of the private sector may request this dataset.',
      'The column `curp` is never shown.',
      'The column `ingreso` is shown only to the owner organization.',
    ]);
    expect(describeDatasetPolicy(policy, 'es')[1]).toBe('Las organizaciones del sector privado pueden solicitar este conjunto de datos.');
  });
});
