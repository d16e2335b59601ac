import { subject } from '@casl/ability';
import { permittedFieldsOf } from '@casl/ability/extra';
import type { Role } from '@convenio/contracts';
import { defineAbilityFor, defineAbilityForApiKey, type PolicyUser } from './define-ability-for';

const ORG = 'org-a';
const OTHER = 'org-b';
const as = (...roles: Role[]): PolicyUser => ({ id: 'user-1', organizationId: ORG, roles });
const asUser = (fields: { id: string; organizationId: string }) => subject('User', { active: true, ...fields });
const asApiKey = (organizationId: string) => subject('ApiKey', { id: 'k', organizationId, createdById: 'someone' });
const asAuditEntry = (organizationId: string | null) => subject('AuditEntry', { organizationId, actorId: null });

describe('defineAbilityFor — the permission matrix by cases', () => {
  it('lets the public read the health and active organizations, without contact fields', () => {
    const ability = defineAbilityFor(null);
    expect(ability.can('read', 'SystemHealth')).toBe(true);
    expect(ability.can('read', subject('Organization', { id: 'o', active: true, sector: 'public' }))).toBe(true);
    expect(ability.can('read', subject('Organization', { id: 'o', active: false, sector: 'public' }))).toBe(false);
    const fields = permittedFieldsOf(ability, 'read', subject('Organization', { id: 'o', active: true, sector: 'public' }), { fieldsFrom: (rule) => rule.fields ?? [] });
    expect(fields).not.toContain('contactEmail');
    expect(ability.can('read', 'User')).toBe(false);
    expect(ability.can('read', 'AuditEntry')).toBe(false);
  });

  it('lets the admin manage organizations, users and API keys but not approve, sign or read the audit', () => {
    const ability = defineAbilityFor(as('admin'));
    expect(ability.can('create', 'Organization')).toBe(true);
    expect(ability.can('update', asUser({ id: 'x', organizationId: OTHER }))).toBe(true);
    expect(ability.can('delete', asApiKey(OTHER))).toBe(true);
    expect(ability.can('approve', 'all')).toBe(false);
    expect(ability.can('sign', 'all')).toBe(false);
    expect(ability.can('read', 'AuditEntry')).toBe(false);
  });

  it('lets officials read their own organization users and audit entries only', () => {
    const ability = defineAbilityFor(as('official'));
    expect(ability.can('read', asUser({ id: 'x', organizationId: ORG }))).toBe(true);
    expect(ability.can('read', asUser({ id: 'x', organizationId: OTHER }))).toBe(false);
    expect(ability.can('read', asAuditEntry(ORG))).toBe(true);
    expect(ability.can('read', asAuditEntry(OTHER))).toBe(false);
    expect(ability.can('verify', 'AuditEntry')).toBe(false);
    expect(ability.can('create', 'User')).toBe(false);
  });

  it('lets stewards manage their own organization API keys only', () => {
    const ability = defineAbilityFor(as('steward'));
    expect(ability.can('create', asApiKey(ORG))).toBe(true);
    expect(ability.can('delete', asApiKey(OTHER))).toBe(false);
    expect(ability.can('read', asApiKey(OTHER))).toBe(false);
  });

  it('lets partners read themselves and their colleagues, and change nothing', () => {
    const ability = defineAbilityFor(as('partner'));
    expect(ability.can('read', asUser({ id: 'user-1', organizationId: ORG }))).toBe(true);
    expect(ability.can('read', asUser({ id: 'x', organizationId: OTHER }))).toBe(false);
    expect(ability.can('create', 'ApiKey')).toBe(false);
    expect(ability.can('update', 'Organization')).toBe(false);
  });

  it('lets auditors read, verify and export everything and change nothing', () => {
    const ability = defineAbilityFor(as('auditor'));
    for (const type of ['Organization', 'User', 'ApiKey', 'AuditEntry'] as const) expect(ability.can('read', type)).toBe(true);
    expect(ability.can('verify', 'AuditEntry')).toBe(true);
    expect(ability.can('export', 'AuditEntry')).toBe(true);
    for (const action of ['create', 'update', 'delete'] as const) {
      for (const type of ['Organization', 'User', 'ApiKey'] as const) expect(ability.can(action, type)).toBe(false);
    }
  });

  it('gives a user with several roles the union', () => {
    const ability = defineAbilityFor(as('partner', 'steward'));
    expect(ability.can('create', asApiKey(ORG))).toBe(true);
    expect(ability.can('read', asUser({ id: 'x', organizationId: ORG }))).toBe(true);
  });

  it('never lets a partner read or write internal notes, even one who is also a steward', () => {
    const note = (visibility: string) => subject('AgreementComment', { agreementId: 'a', visibility });
    for (const roles of [['partner'], ['partner', 'steward'], ['steward', 'partner']] as Role[][]) {
      const ability = defineAbilityFor(as(...roles));
      expect({ roles, read: ability.can('read', note('internal')), create: ability.can('create', note('internal')) }).toEqual({ roles, read: false, create: false });
      expect(ability.can('read', note('parties'))).toBe(true);
    }
    expect(defineAbilityFor(as('steward')).can('read', note('internal'))).toBe(true);
  });
});

describe('defineAbilityForApiKey', () => {
  it('keeps only the granted permissions, with the creator conditions', () => {
    const ability = defineAbilityForApiKey(as('steward'), [{ action: 'read', subject: 'User' }]);
    expect(ability.can('read', asUser({ id: 'x', organizationId: ORG }))).toBe(true);
    expect(ability.can('read', asUser({ id: 'x', organizationId: OTHER }))).toBe(false);
    expect(ability.can('create', asApiKey(ORG))).toBe(false);
    expect(ability.can('read', 'Organization')).toBe(false);
  });

  it('cannot exceed the creator, whatever it is granted', () => {
    const ability = defineAbilityForApiKey(as('partner'), [{ action: 'create', subject: 'Organization' }]);
    expect(ability.can('create', 'Organization')).toBe(false);
  });
});
