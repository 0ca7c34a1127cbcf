import { NavLink } from 'react-router-dom';

/** The three metrics pages, as tabs under the page title. */
export function MetricsTabs({ search = '' }: { search?: string }) {
  const tabs = [
    { to: '/metrics', label: 'Team DORA', end: true },
    { to: '/metrics/slos', label: 'SLOs', end: false },
    { to: '/metrics/ai', label: 'AI adoption', end: false },
  ];
  return (
    <nav className="metrics-tabs" aria-label="Engineering metrics">
      {tabs.map((tab) => (
        <NavLink key={tab.to} to={`${tab.to}${tab.to === '/metrics/ai' ? '' : search}`} end={tab.end}>
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}
