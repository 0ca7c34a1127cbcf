import { useState, type FormEvent } from 'react';
import { simulatePolicy, type Simulation } from '../../api/analytics.ts';
import { useAction } from '../../api/use-action.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { Field } from '../../components/Field.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { MAX_SIMULATION_WORK } from '../../../../src/shared/schemas/analytics.ts';
import { formatNumber } from '../../components/format.ts';
import { percent } from './analytics-format.ts';
import { AnalyticsFrame } from './AnalyticsFrame.tsx';
import { LineChart } from './LineChart.tsx';
import { DEFAULT_PARAMS, POLICY_NAMES, seriesOf, sweepPoints, type LabParams, type SweepPoint } from './policy-lab.ts';

type Results = { point: SweepPoint; simulation: Simulation }[];

/**
 * The policy lab: what a forced distribution and an absolute rubric do to a synthetic organisation
 * with strong and weak teams and noisy assessment, before anyone adopts either. The charts sweep
 * team size and noise from the same seed, one bounded simulation per point.
 */
export function PolicyLabPage() {
  const [params, setParams] = useState<LabParams>(DEFAULT_PARAMS);
  const [results, setResults] = useState<Results>([]);
  const [progress, setProgress] = useState<string | null>(null);
  const action = useAction();
  const work = params.people * params.runs;

  function set(key: keyof LabParams, value: string) {
    setParams((p) => ({ ...p, [key]: Number(value) }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const points = sweepPoints(params);
    void action.run(async () => {
      const done: Results = [];
      // One request at a time: each is bounded, and the server is shared.
      for (const [i, point] of points.entries()) {
        setProgress(`Simulating ${i + 1} of ${points.length}…`);
        done.push({ point, simulation: await simulatePolicy(point.body) });
      }
      setResults(done);
      setProgress(null);
      return `Ran ${points.length} simulations of ${formatNumber(params.runs)} runs each.`;
    }).then(() => setProgress(null));
  }

  const at = (policy: 'forced' | 'rubric') => results.find((r) => r.point.axis === 'teamSize' && r.point.x === params.teamSize && r.point.body.policy === policy)?.simulation;
  return (
    <AnalyticsFrame title="Policy lab" lead="See what a rating policy would do to people before adopting it: how many people above the true median get LE, and how often a strong team must label someone LE. Synthetic data, seeded and reproducible: the same numbers as `highbar simulate`.">
      <form className="card card--form stack" onSubmit={submit} aria-label="Simulation parameters">
        <div className="analytics-form">
          <Field label="People" type="number" min={2} max={200000} value={params.people} onChange={(e) => set('people', e.target.value)} />
          <Field label="Team size" type="number" min={1} value={params.teamSize} onChange={(e) => set('teamSize', e.target.value)} />
          <Field label="Team effect (sd)" hint="How much teams differ: 0 for equal teams." type="number" min={0} max={10} step={0.05} value={params.teamSd} onChange={(e) => set('teamSd', e.target.value)} />
          <Field label="Assessment noise (sd)" hint="Against a person's own spread of 1." type="number" min={0} max={10} step={0.05} value={params.noiseSd} onChange={(e) => set('noiseSd', e.target.value)} />
          <Field label="LE share" type="number" min={0.01} max={0.99} step={0.01} value={params.leShare} onChange={(e) => set('leShare', e.target.value)} />
          <Field label="Runs" type="number" min={1} max={10000} value={params.runs} onChange={(e) => set('runs', e.target.value)} />
          <Field label="Seed" type="number" step={1} value={params.seed} onChange={(e) => set('seed', e.target.value)} />
        </div>
        <p className={work > MAX_SIMULATION_WORK ? 'field__error' : 'muted small'}>
          People × runs = {formatNumber(work)}; the lab runs at most {formatNumber(MAX_SIMULATION_WORK)} per simulation (use `highbar simulate` beyond).
        </p>
        <div className="form__actions">
          <SubmitButton busy={action.busy} busyLabel={progress ?? 'Simulating…'}>
            Simulate
          </SubmitButton>
        </div>
        <ActionOutcome action={action} heading="The simulation did not run" />
      </form>
      {results.length > 0 ? (
        <>
          <Summary forced={at('forced')} rubric={at('rubric')} />
          <div className="chart-grid">
            <section className="card">
              <LineChart title="LE labels on people above the true median, by team size" xLabel="Team size" yLabel="LE above median" series={seriesOf(results, 'teamSize', (s) => s.leAboveMedianShare)} formatY={percent} logX />
            </section>
            <section className="card">
              <LineChart title="LE labels on people above the true median, by assessment noise" xLabel="Noise (sd)" yLabel="LE above median" series={seriesOf(results, 'noiseSd', (s) => s.leAboveMedianShare)} formatY={percent} />
            </section>
            <section className="card">
              <LineChart title="Share of people labelled LE, by team size" xLabel="Team size" yLabel="LE share" series={seriesOf(results, 'teamSize', (s) => s.leShare)} formatY={percent} logX />
            </section>
            <section className="card">
              <LineChart title="Teams forced to label someone above the median LE, by team size" xLabel="Team size" yLabel="Share of teams" series={seriesOf(results, 'teamSize', (s) => s.teamsForcedToLabelAboveMedian / s.teams)} formatY={percent} logX />
            </section>
          </div>
        </>
      ) : null}
    </AnalyticsFrame>
  );
}

function Summary({ forced, rubric }: { forced: Simulation | undefined; rubric: Simulation | undefined }) {
  const row = (name: string, s: Simulation | undefined) =>
    s ? (
      <tr key={name}>
        <th scope="row">{name}</th>
        <td className="num">{percent(s.leShare)}</td>
        <td className="num">{percent(s.leAboveMedianShare)}</td>
        <td className="num">
          {s.teamsForcedToLabelAboveMedian.toFixed(1)} of {formatNumber(s.teams)}
        </td>
      </tr>
    ) : null;
  return (
    <section className="card card--flush" aria-label="At the chosen team size and noise">
      <table className="table">
        <caption className="visually-hidden">At the chosen parameters</caption>
        <thead>
          <tr>
            <th scope="col">Policy</th>
            <th scope="col">LE share</th>
            <th scope="col">LE above median</th>
            <th scope="col">Teams forced per run</th>
          </tr>
        </thead>
        <tbody>
          {row(POLICY_NAMES.forced, forced)}
          {row(POLICY_NAMES.rubric, rubric)}
        </tbody>
      </table>
    </section>
  );
}
