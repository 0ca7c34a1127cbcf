import type { FieldProblem } from '../../api/client.ts';
import { TableHead } from '../../components/TableHead.tsx';
import { formatNumber } from '../../components/format.ts';

const SHOWN = 1000;

/** "people.csv:12: column email" → line 12, column email; anything else kept whole. */
function splitPath(path: string): { file: string; line: string; column: string } {
  const match = /^(.*):(\d+): column (.*)$/u.exec(path);
  if (!match) return { file: '', line: '', column: path };
  return { file: match[1] ?? '', line: match[2] ?? '', column: match[3] ?? '' };
}

/** The row-by-row report of a file that failed its check. */
export function ImportErrorTable({ errors }: { errors: FieldProblem[] }) {
  if (!errors.length) return null;
  const shown = errors.slice(0, SHOWN);
  return (
    <section className="card card--flush error-report" aria-labelledby="import-errors">
      <div className="card__inset">
        <h2 className="card__title" id="import-errors">
          Problems in the file
        </h2>
        <p className="muted small">Fix these in the spreadsheet, export it again as CSV, and check the new file.</p>
      </div>
      <table className="table table--stack table--compact" data-testid="import-errors">
        <caption className="visually-hidden">Problems in the file, by line</caption>
        <TableHead columns={['Line', 'Column', 'Problem']} />
        <tbody>
          {shown.map((e, i) => {
            const where = splitPath(e.path);
            return (
              <tr key={`${e.path}-${i}`}>
                <th scope="row" data-label="Line" title={e.path}>
                  {where.line || '—'}
                </th>
                <td data-label="Column">
                  <code>{where.column}</code>
                </td>
                <td data-label="Problem">{e.message}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {errors.length > SHOWN ? (
        <p className="table-note">
          Showing the first {formatNumber(SHOWN)} of {formatNumber(errors.length)} problems.
        </p>
      ) : null}
    </section>
  );
}
