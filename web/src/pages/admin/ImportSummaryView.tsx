import type { ImportSummary } from '../../api/imports.ts';
import { formatNumber, plural } from '../../components/format.ts';

const COUNTS: { key: keyof ImportSummary; label: string }[] = [
  { key: 'created', label: 'Created' },
  { key: 'updated', label: 'Updated' },
  { key: 'unchanged', label: 'Unchanged' },
  { key: 'deactivated', label: 'Deactivated' },
  { key: 'employeeIdsChanged', label: 'Employee IDs changed' },
  { key: 'teamsCreated', label: 'Teams created' },
];

/**
 * What an import did, or (for a check) would do. A check of a file that changes too much
 * lists the server's reasons and offers to import it with confirmation.
 */
export function ImportSummaryView({ summary, busy, onConfirm }: { summary: ImportSummary; busy: boolean; onConfirm: () => void }) {
  const reasons = summary.dryRun ? summary.needsConfirmation : [];
  return (
    <section className={`notice ${summary.dryRun ? 'notice--info' : 'notice--success'}`} aria-labelledby="import-summary" data-testid="import-summary">
      <h2 className="notice__title" id="import-summary">
        {summary.dryRun ? 'The file is valid: nothing has been imported yet' : 'Import complete'}
      </h2>
      <p className="notice__body">
        {summary.dryRun
          ? `${plural(summary.rows, 'row', 'rows')} checked. Importing it would make these changes:`
          : `${plural(summary.rows, 'row', 'rows')} imported.`}
      </p>
      <dl className="stats">
        {COUNTS.map(({ key, label }) => (
          <div className="stats__item" key={key}>
            <dt>{label}</dt>
            <dd>{formatNumber(Number(summary[key]))}</dd>
          </div>
        ))}
      </dl>
      {summary.attributesWritten > 0 ? (
        <p className="muted small">{plural(summary.attributesWritten, 'demographic value', 'demographic values')} in the file.</p>
      ) : null}
      {reasons.length ? (
        <div className="notice notice--warning" data-testid="check-needs-confirmation">
          <p className="notice__title">Importing this file needs confirmation</p>
          <ul className="notice__list">
            {reasons.map((r) => (
              <li key={r}>{r.charAt(0).toUpperCase() + r.slice(1)}.</li>
            ))}
          </ul>
          <p className="notice__body">If the file is right, import it anyway; otherwise fix the file and check it again.</p>
          <div className="form__actions">
            <button type="button" className="button button--danger" disabled={busy} onClick={onConfirm}>
              Import anyway
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
