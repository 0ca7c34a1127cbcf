import type { Level } from './metrics-format.ts';

export interface TrendPoint {
  label: string;
  value: number | null;
}

const WIDTH = 320;
const HEIGHT = 140;
const PAD = { left: 8, right: 8, top: 10, bottom: 22 };

/**
 * A small bar chart of one key per month, drawn over its benchmark bands (elite at the bottom
 * for times and rates: lower is better). SVG attributes only: the CSP allows no inline styles.
 */
export function TrendChart({ title, points, bands, format }: { title: string; points: TrendPoint[]; bands: { level: Level; upTo: number | null }[]; format: (v: number) => string }) {
  const values = points.map((p) => p.value ?? 0);
  const finiteBands = bands.filter((b) => b.upTo !== null).map((b) => b.upTo!);
  // Scaled to the data and the first two band limits, so small shares (error rates) still show.
  const max = Math.max(Number.EPSILON, ...values, ...finiteBands.slice(0, 2)) * 1.1;
  // Every label when they fit, every other one past eight months or weeks.
  const showLabel = (i: number) => points.length <= 8 || i % 2 === 0;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + plotHeight - (Math.min(v, max) / max) * plotHeight;
  const slot = (WIDTH - PAD.left - PAD.right) / Math.max(points.length, 1);
  let lower = 0;
  return (
    <figure className="card">
      <figcaption className="key-card__name">{title}</figcaption>
      <svg className="trend-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${title} by month: ${points.map((p) => `${p.label} ${p.value === null ? 'no data' : format(p.value)}`).join(', ')}`}>
        {bands.map((band) => {
          const top = band.upTo === null ? max : Math.min(band.upTo, max);
          const rect = <rect key={band.level} className={`trend-chart__band--${band.level}`} x={PAD.left} width={WIDTH - PAD.left - PAD.right} y={y(top)} height={Math.max(0, y(lower) - y(top))} />;
          lower = Math.min(top, max);
          return rect;
        })}
        {points.map((p, i) => (
          <g key={p.label}>
            {p.value !== null ? <rect className="trend-chart__bar" x={PAD.left + i * slot + slot * 0.25} width={slot * 0.5} y={y(p.value)} height={Math.max(1, y(0) - y(p.value))} /> : null}
            {showLabel(i) ? (
              <text className="trend-chart__label" x={PAD.left + i * slot + slot / 2} y={HEIGHT - 6} textAnchor="middle">
                {p.label}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
    </figure>
  );
}
