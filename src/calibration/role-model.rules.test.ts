import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AMAZON_OLR } from '../policy/olr-presets.ts';
import { checkRoleModelCaps, roleModelAllowed } from './role-model.rules.ts';

const olr = AMAZON_OLR;

describe('the Role Model cap', () => {
  it('allows about 5% per principle: none in 9 people, one from 10, two from 30', () => {
    expect([9, 10, 29, 30, 100].map((n) => roleModelAllowed(olr.roleModel, 'Ownership', n, 'largest-remainder'))).toEqual([0, 1, 1, 2, 5]);
  });

  it('applies a principle’s own cap when the policy names one', () => {
    const roleModel = { ...olr.roleModel, maxPercentByPrinciple: { 'Think Big': 10 } };
    expect(roleModelAllowed(roleModel, 'Think Big', 40, 'largest-remainder')).toBe(4);
    expect(roleModelAllowed(roleModel, 'Dive Deep', 40, 'largest-remainder')).toBe(2);
  });

  it('names each principle over its cap, however strong the team', () => {
    expect(checkRoleModelCaps(olr, { groupSize: 40, roleModelsByPrinciple: { Ownership: 3, 'Dive Deep': 2, 'Think Big': 0 } })).toEqual([{ principle: 'Ownership', count: 3, allowed: 2 }]);
  });

  it('never allows more than the ceiling of the share, and refuses exactly the counts above the allowance', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 100 }), (n, count) => {
        const allowed = roleModelAllowed(olr.roleModel, 'Ownership', n, 'largest-remainder');
        expect(allowed).toBeLessThanOrEqual(Math.ceil(n * 0.05));
        expect(allowed).toBeGreaterThanOrEqual(Math.floor(n * 0.05));
        expect(checkRoleModelCaps(olr, { groupSize: n, roleModelsByPrinciple: { Ownership: count } }).length).toBe(count > allowed ? 1 : 0);
      }),
    );
  });
});
