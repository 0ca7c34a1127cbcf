import { describe, expect, it } from 'vitest';
import type { Me } from '../api/session.ts';
import { NAV_GROUPS, NAV_ITEMS, navGroupsFor } from './nav-items.ts';

const me = (roles: Me['roles']): Me => ({ id: 1, name: 'A', email: 'a@corp.test', roles, personId: 1, hrScope: null });
const shape = (roles: Me['roles']) => navGroupsFor(me(roles)).map(({ group, items }) => [group, items.map((i) => i.label)]);

describe('navGroupsFor', () => {
  it('gives an employee their own work and the team sections, and no empty group', () => {
    expect(shape(['employee'])).toEqual([
      ['You', ['My profile', 'Reviews', 'Growth', 'Career', 'Promotions', 'Pay', 'Feedback themes']],
      ['Team', ['Team metrics', 'Directory']],
    ]);
  });

  it('adds each role’s sections to the group they belong to, in the groups’ order', () => {
    const hr = shape(['employee', 'hr']);
    expect(hr.map(([group]) => group)).toEqual(['You', 'Team', 'Organisation', 'Administration']);
    expect(hr[2]).toEqual(['Organisation', ['Pay budget', 'Analytics']]);
    expect(shape(['admin']).at(-1)).toEqual(['Administration', ['Import people', 'Users', 'Metrics sources', 'Ladders']]);
  });

  it('lists every item once, each in a known group', () => {
    const all = navGroupsFor(me(['employee', 'manager', 'hr', 'admin'])).flatMap((g) => g.items);
    expect(all.map((i) => i.to).sort()).toEqual(NAV_ITEMS.map((i) => i.to).sort());
    for (const item of NAV_ITEMS) expect(NAV_GROUPS).toContain(item.group);
  });
});
