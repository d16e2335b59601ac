import { createMongoAbility, type MongoAbility, type RawRuleOf } from '@casl/ability';

/** CASL actions: lower-case verbs. `manage` means every action. */
export type Action = 'manage' | 'read' | 'create' | 'update' | 'delete' | 'submit' | 'approve' | 'sign';

/** CASL subjects: PascalCase strings (never classes: they break under minification). */
export type Subject = 'SystemHealth' | 'all';

export type AppAbility = MongoAbility<[Action, Subject]>;
export type AppRule = RawRuleOf<AppAbility>;

export function createAppAbility(rules: AppRule[] = []): AppAbility {
  return createMongoAbility<[Action, Subject]>(rules);
}
