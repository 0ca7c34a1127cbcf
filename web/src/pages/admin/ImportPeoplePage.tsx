import { useId, useRef, useState, type ChangeEvent } from 'react';
import { problemOf, type Problem } from '../../api/client.ts';
import { importPeopleCsv, type ImportSummary } from '../../api/imports.ts';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { ImportErrorTable } from './ImportErrorTable.tsx';
import { ImportSummaryView } from './ImportSummaryView.tsx';
import { CsvFormatHelp } from './CsvFormatHelp.tsx';

type Outcome =
  | { kind: 'summary'; summary: ImportSummary }
  | { kind: 'invalid'; problem: Problem }
  | { kind: 'needs-confirmation'; problem: Problem }
  | { kind: 'error'; problem: Problem };

type Step = 'check' | 'import' | 'confirm';

/** Upload an HRIS export: check it (dry run), then import it, confirming large changes. */
export function ImportPeoplePage() {
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<Step | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  function handleFile(event: ChangeEvent<HTMLInputElement>) {
    setFile(event.target.files?.[0] ?? null);
    setOutcome(null);
  }

  async function run(step: Step) {
    if (!file) return;
    setBusy(step);
    setOutcome(null);
    try {
      const summary = await importPeopleCsv(file, { dryRun: step === 'check', confirm: step === 'confirm' });
      setOutcome({ kind: 'summary', summary });
    } catch (error) {
      const problem = problemOf(error);
      if (problem.code === 'IMPORT_INVALID') setOutcome({ kind: 'invalid', problem });
      else if (problem.code === 'IMPORT_NEEDS_CONFIRMATION') setOutcome({ kind: 'needs-confirmation', problem });
      else setOutcome({ kind: 'error', problem });
    } finally {
      setBusy(null);
      // Bring the result into view; the live region announces it.
      requestAnimationFrame(() => resultRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }));
    }
  }

  return (
    <div className="stack">
      <PageHeader
        title="Import people"
        lead="Upload the HRIS export as a CSV file. The whole file is checked first and then written at once, so a file with problems changes nothing."
      />
      <section className="card card--form" aria-labelledby="import-file">
        <h2 className="card__title" id="import-file">
          File
        </h2>
        <div className="field">
          <label className="field__label" htmlFor={inputId}>
            People CSV file
          </label>
          <p className="field__hint" id={`${inputId}-hint`}>
            UTF-8 CSV with a header row. People missing from the file are marked as having left.
          </p>
          <input
            id={inputId}
            className="file-input"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={`${inputId}-hint`}
            onChange={handleFile}
            data-testid="import-file"
          />
        </div>
        <div className="form__actions">
          <button type="button" className="button button--secondary" disabled={!file || busy !== null} onClick={() => run('check')}>
            {busy === 'check' ? 'Checking…' : 'Check file'}
          </button>
          <button type="button" className="button" disabled={!file || busy !== null} onClick={() => run('import')}>
            {busy === 'import' ? 'Importing…' : 'Import'}
          </button>
        </div>
        <CsvFormatHelp />
      </section>
      <div ref={resultRef} className="stack">
        <LiveRegion>
          {busy ? <Loading label={busy === 'check' ? 'Checking the file…' : 'Importing…'} /> : null}
          {outcome?.kind === 'summary' ? <ImportSummaryView summary={outcome.summary} busy={busy !== null} onConfirm={() => run('confirm')} /> : null}
          {outcome?.kind === 'error' ? <ProblemMessage problem={outcome.problem} heading="The file could not be imported" /> : null}
          {outcome?.kind === 'needs-confirmation' ? (
            <NeedsConfirmation problem={outcome.problem} busy={busy !== null} onConfirm={() => run('confirm')} />
          ) : null}
          {outcome?.kind === 'invalid' ? (
            <div className="notice notice--error">
              <p className="notice__title">{outcome.problem.title}</p>
              <p className="notice__body">{outcome.problem.detail}</p>
            </div>
          ) : null}
        </LiveRegion>
        {outcome?.kind === 'invalid' ? <ImportErrorTable errors={outcome.problem.errors ?? []} /> : null}
      </div>
    </div>
  );
}

/** The server's reasons a change is large (its detail when it sends no list), and a way to go ahead. */
function NeedsConfirmation({ problem, busy, onConfirm }: { problem: Problem; busy: boolean; onConfirm: () => void }) {
  const reasons = Array.isArray(problem.reasons) ? problem.reasons.filter((r): r is string => typeof r === 'string') : [];
  return (
    <section className="notice notice--warning" aria-labelledby="needs-confirmation" data-testid="needs-confirmation">
      <h2 className="notice__title" id="needs-confirmation">
        This import needs confirmation
      </h2>
      {reasons.length ? (
        <ul className="notice__list">
          {reasons.map((r) => (
            <li key={r}>{r.charAt(0).toUpperCase() + r.slice(1)}.</li>
          ))}
        </ul>
      ) : (
        <p className="notice__body">{problem.detail}</p>
      )}
      <p className="notice__body">Nothing has been changed. If the file is right, import it anyway.</p>
      <div className="form__actions">
        <button type="button" className="button button--danger" disabled={busy} onClick={onConfirm}>
          Import anyway
        </button>
      </div>
    </section>
  );
}
