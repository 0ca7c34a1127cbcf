import './analytics.css';
import type { ReactNode } from 'react';
import { NavLink } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader.tsx';

const LINKS = [
  { to: '/analytics', label: 'Bias audit', end: true },
  { to: '/analytics/drift', label: 'Manager drift' },
  { to: '/analytics/governance', label: 'Governance' },
  { to: '/analytics/sustainable-work', label: 'Sustainable work' },
  { to: '/analytics/datasets', label: 'Datasets' },
  { to: '/analytics/policy-lab', label: 'Policy lab' },
];

/** The analytics pages' header and the links between them. */
export function AnalyticsFrame({ title, lead, children }: { title: string; lead: ReactNode; children: ReactNode }) {
  return (
    <div className="stack">
      <PageHeader title={title} lead={lead} />
      <nav className="subnav" aria-label="People analytics pages">
        <ul className="subnav__list">
          {LINKS.map((l) => (
            <li key={l.to}>
              <NavLink to={l.to} end={l.end} className={({ isActive }) => (isActive ? 'subnav__link subnav__link--active' : 'subnav__link')}>
                {l.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </div>
  );
}
