import { useId, useState, type FormEvent } from 'react';
import { deleteDataset, listDatasets, uploadDataset, type Dataset } from '../../api/analytics.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Field } from '../../components/Field.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { TableHead } from '../../components/TableHead.tsx';
import { formatDate, formatNumber } from '../../components/format.ts';
import { AnalyticsFrame } from './AnalyticsFrame.tsx';

/** HR exports uploaded for analysis: kept apart from the people records and never joined to them. */
export function DatasetsPage() {
  const datasets = useResource((signal) => listDatasets(signal), 'datasets-page');
  const action = useAction();
  const [deleting, setDeleting] = useState<Dataset | null>(null);
  return (
    <AnalyticsFrame
      title="Datasets"
      lead="Upload an HR export (CSV, up to 16 MiB) to audit it here, exactly as `highbar audit bias` would. It is stored apart from the people records, never joined to them, and only you (and HR partners for the whole organisation) can see it."
    >
      <UploadForm onUploaded={(d) => { action.announce(`Uploaded ${d.name}: ${formatNumber(d.rows)} rows.`); datasets.reload(); }} />
      <ActionOutcome action={action} resource={datasets} />
      {datasets.data && datasets.data.datasets.length > 0 ? (
        <div className="card card--flush">
          <table className="table">
            <caption className="visually-hidden">Datasets</caption>
            <TableHead columns={['Name', 'File', 'Rows', 'Columns', 'Uploaded']} actions />
            <tbody>
              {datasets.data.datasets.map((d) => (
                <tr key={d.id}>
                  <th scope="row">{d.name}</th>
                  <td>{d.fileName}</td>
                  <td className="num">{formatNumber(d.rows)}</td>
                  <td className="num">{d.columns.length}</td>
                  <td>
                    {formatDate(d.uploadedAt)} <span className="muted small">by {d.uploadedBy.name}</span>
                  </td>
                  <td className="cell-actions">
                    <button type="button" className="button button--danger-quiet button--small" onClick={() => setDeleting(d)}>
                      Delete<span className="visually-hidden"> {d.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={`Delete ${deleting.name}?`}
          confirmLabel="Delete"
          busyLabel="Deleting…"
          danger
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await deleteDataset(deleting.id);
            action.announce(`Deleted ${deleting.name}.`);
            datasets.reload();
          }}
        >
          <p>The file is removed from Highbar. Audits you ran on it are not kept.</p>
        </ConfirmDialog>
      ) : null}
    </AnalyticsFrame>
  );
}

function UploadForm({ onUploaded }: { onUploaded: (dataset: Dataset) => void }) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const action = useAction();
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    void action.run(async () => onUploaded(await uploadDataset(file, name.trim() || undefined)));
  }
  return (
    <form className="card card--form stack" onSubmit={submit} aria-label="Upload a dataset">
      <div className="field">
        <label className="field__label" htmlFor={id}>
          CSV file
        </label>
        <input id={id} className="file-input" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="dataset-file" />
      </div>
      <Field label="Name (optional)" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
      <div className="form__actions">
        <SubmitButton busy={action.busy} busyLabel="Uploading…">
          Upload
        </SubmitButton>
      </div>
      <ActionOutcome action={action} heading="Nothing was stored" />
    </form>
  );
}
