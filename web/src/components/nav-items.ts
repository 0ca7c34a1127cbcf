import type { Me } from '../api/session.ts';
import type { Role } from '../../../src/shared/schemas/common.ts';

export interface NavItem {
  to: string;
  label: string;
  /** Shown to accounts holding any of these roles; everyone when absent. */
  roles?: Role[];
  end?: boolean;
}

export const NAV_ITEMS: NavItem[] = [
  { to: '/', label: 'My profile', end: true },
  { to: '/cycles', label: 'Reviews' },
  { to: '/growth', label: 'Growth' },
  { to: '/team', label: 'My team', roles: ['manager'] },
  { to: '/calibration', label: 'Calibration', roles: ['manager', 'hr', 'admin'] },
  { to: '/pipeline', label: 'Pipeline', roles: ['manager', 'hr'] },
  { to: '/career', label: 'Career' },
  { to: '/promotions', label: 'Promotions' },
  { to: '/compensation', label: 'Pay', end: true },
  { to: '/compensation/budget', label: 'Pay budget', roles: ['hr', 'admin'] },
  { to: '/themes', label: 'Feedback themes' },
  { to: '/analytics', label: 'Analytics', roles: ['hr'] },
  { to: '/analytics/policy-lab', label: 'Policy lab', roles: ['admin'] },
  { to: '/metrics', label: 'Team metrics' },
  { to: '/people', label: 'Directory' },
  { to: '/admin/import', label: 'Import people', roles: ['admin'] },
  { to: '/admin/users', label: 'Users', roles: ['admin'] },
  { to: '/admin/ladders', label: 'Ladders', roles: ['admin'] },
];

/** The navigation this account's roles allow. */
export function navItemsFor(me: Me): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.roles || item.roles.some((role) => me.roles.includes(role)));
}
