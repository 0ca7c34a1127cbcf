import type { Board } from '../../api/calibration.ts';
import { describeViolation, OV_ORDER, percent } from './calibration-format.ts';

/**
 * Each manager's reports against the same targets, and the managers whose share of TT or LE is
 * unusual against the session: to discuss, not to assume wrong. Folded by default: a board of
 * thousands has hundreds of managers, and the table renders only when opened.
 */
export function ManagerDistributions({ board, onShowManager }: { board: Board; onShowManager: (managerId: number) => void }) {
  if (board.byManager.length === 0 && board.managerFlags.length === 0) return null;
  const sorted = [...board.byManager].sort((a, b) => b.distribution.violations.length - a.distribution.violations.length || a.manager.name.localeCompare(b.manager.name));
  return (
    <section className="card" aria-labelledby="managers-title">
      <h2 className="card__title" id="managers-title">
        By manager
      </h2>
      {board.managerFlags.length ? (
        <div className="notice notice--warning" data-testid="manager-flags">
          <p className="notice__title">Unusual shares, to discuss</p>
          <ul className="notice__list">
            {board.managerFlags.map((f) => (
              <li key={`${f.manager.id}-${f.rating}`}>
                {f.manager.name}: {percent(Math.round(f.share * f.n), f.n)} of {f.n} reports in {f.rating}, against {Math.round(f.orgShare * 100)}% across the session.
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="small muted">No manager’s share of TT or LE stands out against the session.</p>
      )}
      <details className="disclosure">
        <summary>Distribution for each of {board.byManager.length} managers</summary>
        <div className="disclosure__body table-scroll">
          <table className="table table--compact table--stack">
            <thead>
              <tr>
                <th scope="col">Manager</th>
                <th scope="col" className="num">
                  People
                </th>
                {OV_ORDER.map((ov) => (
                  <th scope="col" className="num" key={ov}>
                    {ov}
                  </th>
                ))}
                <th scope="col">Targets</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map(({ manager, distribution }) => (
                <tr key={manager.id}>
                  <th scope="row">
                    <button type="button" className="link-button" onClick={() => onShowManager(manager.id)}>
                      {manager.name}
                      <span className="visually-hidden">: show their reports</span>
                    </button>
                  </th>
                  <td className="num" data-label="People">
                    {distribution.size}
                  </td>
                  {OV_ORDER.map((ov) => (
                    <td className="num" data-label={ov} key={ov}>
                      {distribution.counts[ov] ?? 0}
                    </td>
                  ))}
                  <td data-label="Targets">
                    {!distribution.targets.some((t) => t.applies)
                      ? 'Too few people for the targets'
                      : distribution.violations.length
                        ? distribution.violations.map(describeViolation).join('; ')
                        : 'Within targets'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
