import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Role } from '../../../src/shared/schemas/common.ts';
import { hasRole, useMe } from './me-context.ts';
import { PageHeader } from './PageHeader.tsx';

const WHO: Record<Role, string> = {
  employee: 'employees',
  manager: 'managers with direct reports',
  hr: 'HR partners',
  admin: 'administrators',
};

/** Shows the page only to accounts with the role; the server enforces it again on every call. */
export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const { me } = useMe();
  if (hasRole(me, role)) return children;
  return (
    <section className="stack">
      <PageHeader title="Not available" lead={`This page is for ${WHO[role]}.`} />
      <p>
        <Link to="/">Go to your profile</Link>
      </p>
    </section>
  );
}
