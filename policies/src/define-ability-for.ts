import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import { ORGANIZATION_CONTACT_FIELDS, type OrganizationSector, type Role, type StoredPolicyRule } from '@convenio/contracts';
import { interpolatePolicyRules } from './dataset-policy';
import type { Action, AppAbility, AppRule, SubjectType } from './app-ability';

/** Dataset fields anyone may read of a public dataset. */
export const DATASET_PUBLIC_FIELDS = [
  'id', 'ownerOrganizationId', 'ownerOrganizationName', 'ownerSector', 'title', 'titleEn', 'description', 'descriptionEn', 'themes', 'keywords', 'columns.*',
  'sensitivity', 'geoLevel', 'geoCodes', 'sectorLevel', 'sectorCodes', 'periodicity', 'timeFrom', 'timeTo', 'columns', 'qualityNotes',
  'lineageNamespace', 'lineageName', 'status', 'createdAt', 'updatedAt', 'publishedAt',
] as const;
import { ROLE_RULES } from './rules/role-rules';

/** What the public register shows of an agreement: parties, datasets, purpose, legal basis, dates. */
export const AGREEMENT_PUBLIC_FIELDS = [
  'id', 'reference', 'state', 'providerOrganizationName', 'recipientOrganizationName', 'datasets', 'datasetIds', 'purpose', 'legalBasis',
  'startsOn', 'endsOn', 'activatedAt', 'endedAt',
] as const;

/** Who is asking: a signed-in user (or API key acting for one), or null for the public. */
export interface PolicyUser {
  id: string;
  organizationId: string;
  organizationSector?: OrganizationSector;
  roles: Role[];
}

/** A permission an API key carries; it narrows its creator's rules. */
export interface PermissionGrant {
  action: string;
  subject: string;
}

export type Builder = AbilityBuilder<AppAbility>;

/** Rules for everyone, signed in or not. */
function publicRules({ can }: Builder): void {
  can('read', 'SystemHealth');
  const publicOrganizationFields = ['id', 'name', 'sector', 'stateCode', 'rfc', 'active', 'createdAt', 'updatedAt'];
  can('read', 'Organization', publicOrganizationFields, { active: true });
  // The public catalog: published, public datasets, metadata only (the steward stays private).
  const publicDatasetFields = DATASET_PUBLIC_FIELDS as unknown as string[];
  can('read', 'Dataset', publicDatasetFields, { status: 'published', sensitivity: 'public' });
  // The public register of agreements: active and past ones, never notes or reviewers.
  can('read', 'Agreement', AGREEMENT_PUBLIC_FIELDS as unknown as string[], { state: { $in: ['active', 'expired', 'terminated'] } });
}

/** Rules for every signed-in user, whatever the role. */
function memberRules({ can }: Builder, user: PolicyUser): void {
  can('read', 'Organization');
  can('read', 'User', { id: user.id });
  // Signed-in members see published datasets that are public or internal to the platform.
  can('read', 'Dataset', { status: 'published', sensitivity: { $in: ['public', 'internal'] } });
  // Everyone reads and marks read their own notifications.
  can(['read', 'update'], 'Notification', { userId: user.id });
}

/**
 * The CASL rules of a person. Deny unless a rule allows. Role rules live in rules/, one
 * function per role; a user holding several roles gets the union.
 */
export function defineRulesFor(user: PolicyUser | null, storedRules: readonly StoredPolicyRule[] = []): AppRule[] {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  // Each rule says where it comes from, so "why may this person…?" can be answered.
  const tag = (reason: string, add: () => void) => {
    const before = builder.rules.length;
    add();
    for (const rule of builder.rules.slice(before)) rule.reason ??= reason;
  };
  tag('public', () => publicRules(builder));
  if (user) {
    tag('signed in', () => memberRules(builder, user));
    for (const role of new Set(user.roles)) tag(`role ${role}`, () => ROLE_RULES[role](builder, user));
    // Partners never see internal reviewer notes, whatever other role they also hold
    // (a company's steward who is also its partner stays outside the reviewers' notes).
    if (user.roles.includes('partner')) {
      tag('role partner: never internal notes', () => builder.cannot(['read', 'create'], 'AgreementComment', { visibility: 'internal' }));
    }
  }
  // Dataset access policies come last: their denials (hidden columns) take precedence.
  return [...builder.rules, ...interpolatePolicyRules(storedRules, user)];
}

/** The ability the API guards, SQL list filters and the UI all use. */
export function defineAbilityFor(user: PolicyUser | null, storedRules: readonly StoredPolicyRule[] = []): AppAbility {
  return createMongoAbility(defineRulesFor(user, storedRules)) as AppAbility;
}

/**
 * Rules of an API key: its creator's rules, kept only where a grant covers them and
 * narrowed to the granted action and subject. Denials (`cannot`) are always kept.
 */
export function defineRulesForApiKey(creator: PolicyUser, grants: PermissionGrant[], storedRules: readonly StoredPolicyRule[] = []): AppRule[] {
  const narrowed: AppRule[] = [];
  for (const rule of defineRulesFor(creator, storedRules)) {
    if (rule.inverted) {
      narrowed.push(rule);
      continue;
    }
    const actions = ([] as string[]).concat(rule.action as string | string[]);
    const subjects = ([] as string[]).concat(rule.subject as string | string[]);
    for (const grant of grants) {
      const actionCovered = actions.includes(grant.action) || actions.includes('manage');
      const subjectCovered = subjects.includes(grant.subject) || subjects.includes('all');
      if (actionCovered && subjectCovered) {
        narrowed.push({ ...rule, action: grant.action as Action, subject: grant.subject as SubjectType });
      }
    }
  }
  return narrowed;
}

export function defineAbilityForApiKey(creator: PolicyUser, grants: PermissionGrant[], storedRules: readonly StoredPolicyRule[] = []): AppAbility {
  return createMongoAbility(defineRulesForApiKey(creator, grants, storedRules)) as AppAbility;
}

export { ORGANIZATION_CONTACT_FIELDS };
