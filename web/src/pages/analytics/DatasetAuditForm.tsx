import { useState, type FormEvent } from 'react';
import { auditDataset, listDatasets, type BiasReport, type Dataset } from '../../api/analytics.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { Field } from '../../components/Field.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { ChecksField, MinGroupField, SelectField } from './FormFields.tsx';

/** Chooses columns of an uploaded dataset and runs `highbar audit bias` on it, in the app. */
export function DatasetAuditForm({ onAudit }: { onAudit: (report: BiasReport) => void }) {
  const datasets = useResource((signal) => listDatasets(signal), 'analytics-datasets');
  const [datasetId, setDatasetId] = useState('');
  const list = datasets.data?.datasets ?? [];
  const dataset = list.find((d) => String(d.id) === datasetId) ?? list[0];
  if (datasets.status === 'ready' && list.length === 0) {
    return <p className="card muted">No datasets yet: upload an HR export on the Datasets page first.</p>;
  }
  return (
    <div className="stack">
      <SelectField label="Dataset" value={dataset ? String(dataset.id) : ''} onChange={setDatasetId} choices={list.map((d) => ({ value: String(d.id), label: `${d.name} (${d.rows} rows)` }))} />
      {dataset ? <ColumnsForm key={dataset.id} dataset={dataset} onAudit={onAudit} /> : null}
    </div>
  );
}

/** The IBM sample's audit by default when its columns are there, so the documented example is one click away. */
function ColumnsForm({ dataset, onAudit }: { dataset: Dataset; onAudit: (report: BiasReport) => void }) {
  const names = dataset.columns.map((c) => c.name);
  const pick = (wanted: string, fallback: number) => (names.includes(wanted) ? wanted : (names[fallback] ?? names[0]!));
  const [outcome, setOutcome] = useState(pick('PerformanceRating', 0));
  const [group, setGroup] = useState(pick('Gender', 1));
  const [controls, setControls] = useState<string[]>(['JobLevel', 'Department'].filter((c) => names.includes(c)));
  const [favourable, setFavourable] = useState<string[]>(names.includes('PerformanceRating') ? ['4'] : []);
  const [typed, setTyped] = useState('');
  const [minGroup, setMinGroup] = useState(5);
  const action = useAction();
  const outcomeValues = dataset.columns.find((c) => c.name === outcome)?.values ?? null;
  const columnChoices = names.map((n) => ({ value: n, label: n }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const chosen = outcomeValues ? favourable : typed.split(',').map((v) => v.trim()).filter(Boolean);
    void action.run(async () => onAudit(await auditDataset(dataset.id, { outcome, favourable: chosen, group, controls: controls.filter((c) => c !== group && c !== outcome), minGroup })));
  }

  return (
    <form className="card card--form stack" onSubmit={submit} aria-label={`Audit ${dataset.name}`}>
      <div className="analytics-form">
        <SelectField label="Outcome column" value={outcome} onChange={(v) => { setOutcome(v); setFavourable([]); }} choices={columnChoices} />
        <SelectField label="Compare groups by" value={group} onChange={setGroup} choices={columnChoices} />
        <MinGroupField value={minGroup} onChange={setMinGroup} />
      </div>
      {outcomeValues ? (
        <ChecksField legend="Favourable" choices={outcomeValues.map((v) => ({ value: v, label: v }))} chosen={favourable} onChange={setFavourable} />
      ) : (
        <Field label="Favourable values" hint="This column has many values: type the favourable ones, separated by commas." value={typed} onChange={(e) => setTyped(e.target.value)} />
      )}
      <ChecksField legend="Hold equal (controls)" choices={columnChoices.filter((c) => c.value !== group && c.value !== outcome && (dataset.columns.find((d) => d.name === c.value)?.distinct ?? 0) <= 50)} chosen={controls} onChange={setControls} hint="Columns with at most 50 values." />
      <div className="form__actions">
        <SubmitButton busy={action.busy} busyLabel="Auditing…">
          Run the audit
        </SubmitButton>
      </div>
      <ActionOutcome action={action} />
    </form>
  );
}
