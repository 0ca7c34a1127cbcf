import type { Me } from '../api/session.ts';
import type { Role } from '../../../src/shared/schemas/common.ts';

/** Where an item sits: one's own work, the people one works with, the organisation, administration. */
export type NavGroup = 'You' | 'Team' | 'Organisation' | 'Administration';
export const NAV_GROUPS: NavGroup[] = ['You', 'Team', 'Organisation', 'Administration'];

export interface NavItem {
  to: string;
  label: string;
  group: NavGroup;
  /** Shown to accounts holding any of these roles; everyone when absent. */
  roles?: Role[];
  end?: boolean;
}

export const NAV_ITEMS: NavItem[] = [
  { to: '/', label: 'My profile', group: 'You', end: true },
  { to: '/cycles', label: 'Reviews', group: 'You' },
  { to: '/growth', label: 'Growth', group: 'You' },
  { to: '/career', label: 'Career', group: 'You' },
  { to: '/promotions', label: 'Promotions', group: 'You' },
  { to: '/compensation', label: 'Pay', group: 'You', end: true },
  { to: '/themes', label: 'Feedback themes', group: 'You' },
  { to: '/team', label: 'My team', group: 'Team', roles: ['manager'] },
  { to: '/calibration', label: 'Calibration', group: 'Team', roles: ['manager', 'hr', 'admin'] },
  { to: '/pipeline', label: 'Pipeline', group: 'Team', roles: ['manager', 'hr'] },
  { to: '/metrics', label: 'Team metrics', group: 'Team' },
  { to: '/people', label: 'Directory', group: 'Team' },
  { to: '/compensation/budget', label: 'Pay budget', group: 'Organisation', roles: ['hr', 'admin'] },
  { to: '/analytics', label: 'Analytics', group: 'Organisation', roles: ['hr'] },
  { to: '/analytics/policy-lab', label: 'Policy lab', group: 'Organisation', roles: ['admin'] },
  { to: '/admin/import', label: 'Import people', group: 'Administration', roles: ['admin'] },
  { to: '/admin/users', label: 'Users', group: 'Administration', roles: ['admin'] },
  { to: '/admin/metrics-sources', label: 'Metrics sources', group: 'Administration', roles: ['hr', 'admin'] },
  { to: '/admin/ladders', label: 'Ladders', group: 'Administration', roles: ['admin'] },
];

/** The navigation this account's roles allow. */
export function navItemsFor(me: Me): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.roles || item.roles.some((role) => me.roles.includes(role)));
}

/** The allowed items by group, in the groups' order; a group with nothing allowed is left out. */
export function navGroupsFor(me: Me): { group: NavGroup; items: NavItem[] }[] {
  const items = navItemsFor(me);
  return NAV_GROUPS.map((group) => ({ group, items: items.filter((item) => item.group === group) })).filter((g) => g.items.length > 0);
}
