import { useState, type FormEvent } from 'react';
import { driftInDataset, getManagerDrift, listDatasets } from '../../api/analytics.ts';
import { listCycles } from '../../api/cycles.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { Field } from '../../components/Field.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { percent } from './analytics-format.ts';
import { AnalyticsFrame } from './AnalyticsFrame.tsx';
import { OUTCOMES } from './dimensions.ts';
import { DriftTable } from './DriftTable.tsx';
import { ChecksField, SelectField } from './FormFields.tsx';
import { ShrinkageChart, type ShrinkageRow } from './ShrinkageChart.tsx';

type Row = ShrinkageRow & { favourable: number; probAboveOrg: number };
interface Result {
  orgRate: number;
  strength: number;
  rows: Row[];
}

/** Manager calibration drift: each manager's share of a rating against the organisation, shrunk for team size. */
export function DriftPage() {
  const [source, setSource] = useState<'cycle' | 'dataset'>('cycle');
  const [result, setResult] = useState<Result | null>(null);
  return (
    <AnalyticsFrame
      title="Manager drift"
      lead="Which managers give a rating more or less often than the organisation, beyond what chance explains for a team of their size? Shares are shrunk towards the organisation's (empirical Bayes): three reports with two top ratings is not a pattern; forty with fourteen may be."
    >
      <SelectField label="Ratings from" value={source} onChange={(v) => { setSource(v as 'cycle' | 'dataset'); setResult(null); }} choices={[{ value: 'cycle', label: 'A cycle in my scope' }, { value: 'dataset', label: 'An uploaded dataset' }]} />
      {source === 'cycle' ? <CycleDriftForm onResult={setResult} /> : <DatasetDriftForm onResult={setResult} />}
      {result ? (
        <section className="card stack" aria-label="Drift">
          <h2 className="card__title">Organisation rate {percent(result.orgRate)}</h2>
          <p className="muted small">
            Prior strength {result.strength >= 1e6 ? 'at its ceiling: managers differ no more than chance, so everyone is pulled to the organisation rate' : result.strength.toFixed(1)}. A flag means the manager's 95% credible interval excludes the organisation rate; it says nothing about why. Compare within level before concluding.
          </p>
          <ShrinkageChart rows={result.rows} orgRate={result.orgRate} />
          <DriftTable rows={result.rows} />
        </section>
      ) : null}
    </AnalyticsFrame>
  );
}

function CycleDriftForm({ onResult }: { onResult: (result: Result) => void }) {
  const cycles = useResource((signal) => listCycles(signal), 'drift-cycles');
  const [cycleId, setCycleId] = useState('');
  const [outcome, setOutcome] = useState<'ov' | 'forte'>('ov');
  const [favourable, setFavourable] = useState<string[]>(['TT', 'HV3']);
  const action = useAction();
  const choices = (cycles.data?.cycles ?? []).filter((c) => c.status !== 'draft').map((c) => ({ value: String(c.id), label: c.name }));
  const chosen = cycleId || choices[0]?.value || '';
  function submit(event: FormEvent) {
    event.preventDefault();
    void action.run(async () => {
      const drift = await getManagerDrift({ cycleId: Number(chosen), outcome, favourable });
      onResult({ orgRate: drift.orgRate, strength: drift.prior.strength, rows: drift.managers.map((m) => ({ ...m, label: m.manager.name })) });
    });
  }
  return (
    <form className="card card--form stack" onSubmit={submit} aria-label="Drift in a cycle">
      <div className="analytics-form">
        <SelectField label="Cycle" value={chosen} onChange={setCycleId} choices={choices} />
        <SelectField label="Rating" value={outcome} onChange={(v) => { setOutcome(v as 'ov' | 'forte'); setFavourable(OUTCOMES[v as 'ov' | 'forte'].favourable); }} choices={[{ value: 'ov', label: 'OV rating' }, { value: 'forte', label: 'Forte summary' }]} />
      </div>
      <ChecksField legend="Count" choices={OUTCOMES[outcome].values.map((v) => ({ value: v, label: v }))} chosen={favourable} onChange={setFavourable} hint="Run it once for top ratings and once for bottom ratings." />
      <div className="form__actions">
        <SubmitButton busy={action.busy} busyLabel="Computing…">
          Show drift
        </SubmitButton>
      </div>
      <ActionOutcome action={action} resource={cycles} />
    </form>
  );
}

function DatasetDriftForm({ onResult }: { onResult: (result: Result) => void }) {
  const datasets = useResource((signal) => listDatasets(signal), 'drift-datasets');
  const [datasetId, setDatasetId] = useState('');
  const [outcome, setOutcome] = useState('');
  const [manager, setManager] = useState('');
  const [favourable, setFavourable] = useState('');
  const action = useAction();
  const list = datasets.data?.datasets ?? [];
  const dataset = list.find((d) => String(d.id) === datasetId) ?? list[0];
  const columns = (dataset?.columns ?? []).map((c) => ({ value: c.name, label: c.name }));
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!dataset) return;
    void action.run(async () => {
      const drift = await driftInDataset(dataset.id, { outcome: outcome || columns[0]!.value, manager: manager || columns[0]!.value, favourable: favourable.split(',').map((v) => v.trim()).filter(Boolean) });
      onResult({ orgRate: drift.orgRate, strength: drift.prior.strength, rows: drift.managers.map((m) => ({ ...m, label: m.manager })) });
    });
  }
  if (datasets.status === 'ready' && list.length === 0) return <p className="card muted">No datasets yet: upload one on the Datasets page.</p>;
  return (
    <form className="card card--form stack" onSubmit={submit} aria-label="Drift in a dataset">
      <div className="analytics-form">
        <SelectField label="Dataset" value={dataset ? String(dataset.id) : ''} onChange={setDatasetId} choices={list.map((d) => ({ value: String(d.id), label: d.name }))} />
        <SelectField label="Outcome column" value={outcome || (columns[0]?.value ?? '')} onChange={setOutcome} choices={columns} />
        <SelectField label="Manager column" value={manager || (columns[0]?.value ?? '')} onChange={setManager} choices={columns} />
        <Field label="Values to count" hint="Separated by commas." value={favourable} onChange={(e) => setFavourable(e.target.value)} />
      </div>
      <div className="form__actions">
        <SubmitButton busy={action.busy} busyLabel="Computing…">
          Show drift
        </SubmitButton>
      </div>
      <ActionOutcome action={action} resource={datasets} />
    </form>
  );
}
