import './analytics.css';
import { linearScale, logScale, niceTicks } from './chart-scale.ts';

export interface ChartSeries {
  name: string;
  points: { x: number; y: number }[];
}

interface LineChartProps {
  title: string;
  xLabel: string;
  yLabel: string;
  series: ChartSeries[];
  formatX?: (x: number) => string;
  formatY?: (y: number) => string;
  /** A logarithmic x axis, for values such as team size (all x must be positive). */
  logX?: boolean;
}

const WIDTH = 520;
const HEIGHT = 260;
const MARGIN = { top: 12, right: 16, bottom: 44, left: 56 };

/**
 * A line chart drawn as plain SVG (no chart library: four series of a dozen points need an axis,
 * a path and a legend, not a dependency), with the same numbers in a table for screen readers.
 * Colours come from CSS classes: the CSP allows no inline styles.
 */
export function LineChart({ title, xLabel, yLabel, series, formatX = String, formatY = String, logX = false }: LineChartProps) {
  const points = series.flatMap((s) => s.points);
  if (points.length === 0) return null;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const yTicks = niceTicks(Math.min(0, ...ys), Math.max(...ys), 4);
  const xTicks = [...new Set(xs)].sort((a, b) => a - b);
  const x = (logX ? logScale : linearScale)([xTicks[0]!, xTicks[xTicks.length - 1]!], [MARGIN.left, WIDTH - MARGIN.right]);
  const y = linearScale([yTicks[0]!, yTicks[yTicks.length - 1]!], [HEIGHT - MARGIN.bottom, MARGIN.top]);
  return (
    <figure className="stack stack--tight">
      <svg className="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title}>
        {yTicks.map((t) => (
          <g key={`y${t}`}>
            <line className="chart__grid" x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(t)} y2={y(t)} />
            <text className="chart__tick" x={MARGIN.left - 6} y={y(t) + 4} textAnchor="end">
              {formatY(t)}
            </text>
          </g>
        ))}
        {xTicks.map((t) => (
          <text key={`x${t}`} className="chart__tick" x={x(t)} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle">
            {formatX(t)}
          </text>
        ))}
        <line className="chart__axis" x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={HEIGHT - MARGIN.bottom} y2={HEIGHT - MARGIN.bottom} />
        <line className="chart__axis" x1={MARGIN.left} x2={MARGIN.left} y1={MARGIN.top} y2={HEIGHT - MARGIN.bottom} />
        <text className="chart__label" x={(MARGIN.left + WIDTH - MARGIN.right) / 2} y={HEIGHT - 6} textAnchor="middle">
          {xLabel}
        </text>
        <text className="chart__label" transform={`translate(14 ${(MARGIN.top + HEIGHT - MARGIN.bottom) / 2}) rotate(-90)`} textAnchor="middle">
          {yLabel}
        </text>
        {series.map((s, i) => {
          const sorted = [...s.points].sort((a, b) => a.x - b.x);
          const path = sorted.map((p, j) => `${j ? 'L' : 'M'}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join(' ');
          return (
            <g key={s.name}>
              <path className={`chart__line chart__series--${i % 4}`} d={path} />
              {sorted.map((p) => (
                <circle key={p.x} className={`chart__series--${i % 4}`} cx={x(p.x)} cy={y(p.y)} r={3} />
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="chart__legend">
          {series.map((s, i) => (
            <li key={s.name}>
              <span className={`chart__swatch chart__swatch--${i % 4}`} aria-hidden="true" />
              {s.name}
            </li>
          ))}
        </ul>
        <table className="visually-hidden">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{xLabel}</th>
              {series.map((s) => (
                <th key={s.name} scope="col">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {xTicks.map((t) => (
              <tr key={t}>
                <th scope="row">{formatX(t)}</th>
                {series.map((s) => {
                  const point = s.points.find((p) => p.x === t);
                  return <td key={s.name}>{point ? formatY(point.y) : '—'}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}
