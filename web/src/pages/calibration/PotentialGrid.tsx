import type { Board } from '../../api/calibration.ts';

interface PotentialGridProps {
  board: Board;
  selected: { performance: number; potential: number } | undefined;
  onSelect: (cell: { performance: number; potential: number } | undefined) => void;
}

/**
 * Performance by potential (the "9-box", here 7 by 4): each cell is the OV the matrix gives it and
 * how many people sit there now. Choosing a cell narrows the roster to them; choosing it again
 * clears that.
 */
export function PotentialGrid({ board, selected, onSelect }: PotentialGridProps) {
  const cell = new Map(board.grid.map((c) => [`${c.performance}:${c.potential}`, c]));
  const performance = [...board.scales.performance].reverse();
  return (
    <section className="card card--flush" aria-labelledby="grid-title">
      <div className="card__inset">
        <h2 className="card__title" id="grid-title">
          Performance by potential
        </h2>
        <p className="muted small">Rows are performance, columns potential. Each cell shows the rating the matrix gives and how many people sit there now. Choose a cell to list them.</p>
      </div>
      <div className="ov-grid__scroll">
        <table className="ov-grid">
          <thead>
            <tr>
              <td className="ov-grid__corner" />
              {board.scales.potential.map((p) => (
                <th scope="col" key={p.value}>
                  <span className="visually-hidden">Potential </span>
                  <span className="ov-grid__axis">{p.value}</span>
                  <span className="ov-grid__label">{p.label}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {performance.map((perf) => (
              <tr key={perf.value}>
                <th scope="row">
                  <span className="visually-hidden">Performance </span>
                  <span className="ov-grid__axis">{perf.value}</span>
                  <span className="ov-grid__label">{perf.label}</span>
                </th>
                {board.scales.potential.map((pot) => {
                  const c = cell.get(`${perf.value}:${pot.value}`);
                  if (!c) return <td key={pot.value} />;
                  const active = selected?.performance === perf.value && selected.potential === pot.value;
                  return (
                    <td key={pot.value}>
                      <button
                        type="button"
                        className={`ov-grid__cell ov-cell--${c.ov}${c.count === 0 ? ' ov-grid__cell--empty' : ''}`}
                        aria-pressed={active}
                        aria-label={`Performance ${perf.value}, potential ${pot.value}: ${c.ov}, ${c.count} ${c.count === 1 ? 'person' : 'people'}`}
                        onClick={() => onSelect(active ? undefined : { performance: perf.value, potential: pot.value })}
                      >
                        <span className="ov-grid__ov">{c.ov}</span>
                        <span className="ov-grid__count">{c.count}</span>
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
