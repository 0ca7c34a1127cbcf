import { TableHead } from '../../components/TableHead.tsx';
import { formatNumber } from '../../components/format.ts';
import { percent, ratio } from './analytics-format.ts';
import type { ShrinkageRow } from './ShrinkageChart.tsx';

const FLAG_WORDS = { high: 'More than the organisation', low: 'Less than the organisation', none: '—' } as const;

/** Every manager: flagged first, then the largest teams. */
export function DriftTable({ rows }: { rows: (ShrinkageRow & { favourable: number; probAboveOrg: number })[] }) {
  const sorted = [...rows].sort((a, b) => Number(b.flag !== 'none') - Number(a.flag !== 'none') || b.n - a.n || a.label.localeCompare(b.label));
  return (
    <div className="card card--flush">
      <table className="table table--compact">
        <caption className="visually-hidden">Managers</caption>
        <TableHead columns={['Manager', 'People', 'Favourable', 'Raw share', 'Shrunk share', 'P(above org)', 'Flag']} />
        <tbody>
          {sorted.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td className="num">{formatNumber(r.n)}</td>
              <td className="num">{formatNumber(r.favourable)}</td>
              <td className="num">{percent(r.rawRate)}</td>
              <td className="num">{percent(r.shrunkRate)}</td>
              <td className="num">{ratio(r.probAboveOrg)}</td>
              <td className={r.flag === 'none' ? undefined : `flag--${r.flag}`}>{FLAG_WORDS[r.flag]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
