import './analytics.css';
import { linearScale, niceTicks } from './chart-scale.ts';
import { percent } from './analytics-format.ts';

export interface ShrinkageRow {
  label: string;
  n: number;
  rawRate: number;
  shrunkRate: number;
  flag: 'high' | 'low' | 'none';
}

const ROWS_SHOWN = 20;
const ROW = 22;
const LEFT = 170;
const WIDTH = 560;

/**
 * Each manager's raw share (hollow) and where shrinkage puts it (filled), against the
 * organisation's rate (dashed): a small team's extreme share travels most of the way back. The
 * flagged managers and the largest teams are drawn; the table below the chart lists everyone.
 */
export function ShrinkageChart({ rows, orgRate }: { rows: ShrinkageRow[]; orgRate: number }) {
  const shown = [...rows].sort((a, b) => Number(b.flag !== 'none') - Number(a.flag !== 'none') || b.n - a.n).slice(0, ROWS_SHOWN);
  if (shown.length === 0) return null;
  const ticks = niceTicks(0, Math.max(orgRate, ...shown.flatMap((r) => [r.rawRate, r.shrunkRate])), 4);
  const x = linearScale([0, ticks[ticks.length - 1]!], [LEFT, WIDTH - 16]);
  const height = shown.length * ROW + 40;
  return (
    <svg className="chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`Raw and shrunk shares of ${shown.length} managers against the organisation rate of ${percent(orgRate)}`}>
      {ticks.map((t) => (
        <g key={t}>
          <line className="chart__grid" x1={x(t)} x2={x(t)} y1={8} y2={height - 28} />
          <text className="chart__tick" x={x(t)} y={height - 12} textAnchor="middle">
            {percent(t)}
          </text>
        </g>
      ))}
      <line className="shrink__org" x1={x(orgRate)} x2={x(orgRate)} y1={4} y2={height - 28} />
      {shown.map((r, i) => {
        const cy = 16 + i * ROW;
        return (
          <g key={r.label}>
            <text className="chart__tick" x={LEFT - 8} y={cy + 4} textAnchor="end">
              {r.label.length > 24 ? `${r.label.slice(0, 23)}…` : r.label} ({r.n})
            </text>
            <line className="shrink__arrow" x1={x(r.rawRate)} x2={x(r.shrunkRate)} y1={cy} y2={cy} />
            <circle className="shrink__raw" cx={x(r.rawRate)} cy={cy} r={4} />
            <circle className={`shrink__shrunk--${r.flag}`} cx={x(r.shrunkRate)} cy={cy} r={4.5} />
          </g>
        );
      })}
    </svg>
  );
}
