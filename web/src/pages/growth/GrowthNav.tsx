import { NavLink } from 'react-router-dom';
import './growth.css';

const LINKS = [
  { to: '/growth', label: 'Goals', end: true },
  { to: '/growth/check-ins', label: 'Check-ins' },
  { to: '/growth/document', label: 'Living document' },
  { to: '/growth/plan', label: 'Development plan' },
  { to: '/growth/workshops', label: 'Workshops' },
  { to: '/growth/team-health', label: 'Team health' },
];

/** The growth pages' own navigation: they are one place with six rooms. */
export function GrowthNav() {
  return (
    <nav className="growth-nav" aria-label="Growth">
      <ul>
        {LINKS.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to} end={l.end}>
              {l.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
