import { defineAbilityFor } from './define-ability-for';

describe('defineAbilityFor', () => {
  it('lets the public read the system health and nothing else', () => {
    const ability = defineAbilityFor(null);
    expect(ability.can('read', 'SystemHealth')).toBe(true);
    expect(ability.can('update', 'SystemHealth')).toBe(false);
    expect(ability.can('manage', 'all')).toBe(false);
  });

  it('denies by default what no rule allows', () => {
    const ability = defineAbilityFor({ id: 'u1', organizationId: 'o1', roles: ['admin'] });
    expect(ability.can('approve', 'all')).toBe(false);
    expect(ability.can('sign', 'all')).toBe(false);
  });
});
