import { useState, type FormEvent } from 'react';
import { analyseComplexity, getPromotionVelocity, getUraGovernance, listAttributes, type ComplexityAnalysis, type PromotionVelocity, type UraGovernance } from '../../api/analytics.ts';
import { listCycles } from '../../api/cycles.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { Field } from '../../components/Field.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { TableHead } from '../../components/TableHead.tsx';
import { formatNumber } from '../../components/format.ts';
import { percent, pValue, ratio } from './analytics-format.ts';
import { AnalyticsFrame } from './AnalyticsFrame.tsx';
import { dimensionChoices, OUTCOMES } from './dimensions.ts';
import { Findings } from './Findings.tsx';
import { ChecksField, MinGroupField, SelectField } from './FormFields.tsx';

/** Promotion velocity, ratings against complexity and URA governance: is the process fair, and is the target driving it? */
export function GovernancePage() {
  return (
    <AnalyticsFrame
      title="Governance"
      lead="Questions to ask before concluding: do some groups wait longer for promotion at the same level, do ratings follow the complexity of the work, and do low ratings cluster where the attrition target is behind? Every table hides groups under the policy's minimum size."
    >
      <VelocitySection />
      <ComplexitySection />
      <UraSection />
    </AnalyticsFrame>
  );
}

function useChoices() {
  const cycles = useResource((signal) => listCycles(signal), 'governance-cycles');
  const attributes = useResource((signal) => listAttributes(signal), 'governance-attributes');
  const cycleChoices = (cycles.data?.cycles ?? []).filter((c) => c.status !== 'draft').map((c) => ({ value: String(c.id), label: c.name }));
  return { cycles, attributes, cycleChoices, dimensions: dimensionChoices(attributes.data?.attributes ?? []) };
}

const months = (m: number | null) => (m === null ? 'not reached' : `${m.toFixed(1)} months`);

function VelocitySection() {
  const { attributes, dimensions } = useChoices();
  const [group, setGroup] = useState('attribute:gender');
  const [minGroup, setMinGroup] = useState(5);
  const [report, setReport] = useState<PromotionVelocity | null>(null);
  const action = useAction();
  function submit(event: FormEvent) {
    event.preventDefault();
    void action.run(async () => setReport(await getPromotionVelocity({ group, minGroup })));
  }
  return (
    <section className="card stack" aria-label="Promotion velocity">
      <h2 className="card__title">Promotion velocity</h2>
      <p className="muted small">Time from hire or the last promotion to the next, within each level. People not yet promoted count as waiting for as long as they have been here (censored), so a slow group cannot look fast; the median is Kaplan-Meier's.</p>
      <form className="stack" onSubmit={submit} aria-label="Promotion velocity by">
        <div className="analytics-form">
          <SelectField label="Compare groups by" value={group} onChange={setGroup} choices={dimensions.filter((d) => d.value !== 'level')} />
          <MinGroupField value={minGroup} onChange={setMinGroup} />
        </div>
        <div className="form__actions">
          <SubmitButton busy={action.busy} busyLabel="Computing…">
            Show velocity
          </SubmitButton>
        </div>
        <ActionOutcome action={action} resource={attributes} />
      </form>
      {report ? (
        <>
          <div className="card card--flush table-scroll">
            <table className="table table--compact">
              <caption className="visually-hidden">Time to promotion by level and group</caption>
              <TableHead columns={['Level', 'Group', 'People', 'Promoted', 'Still waiting', 'Median wait', 'Promoted by 12 months', 'By 24 months']} />
              <tbody>
                {report.levels.flatMap((l) =>
                  l.groups.length === 0
                    ? [
                        <tr key={l.level}>
                          <th scope="row">{l.level}</th>
                          <td colSpan={7} className="muted">
                            Not shown: {l.suppressed.groups} small group{l.suppressed.groups === 1 ? '' : 's'}
                          </td>
                        </tr>,
                      ]
                    : l.groups.map((g) => (
                        <tr key={`${l.level}-${g.group}`}>
                          <th scope="row">{l.level}</th>
                          <td>{g.group}</td>
                          <td className="num">{formatNumber(g.n)}</td>
                          <td className="num">{formatNumber(g.promoted)}</td>
                          <td className="num">{formatNumber(g.censored)}</td>
                          <td className="num">{months(g.medianMonths)}</td>
                          <td className="num">{percent(g.promotedBy.months12)}</td>
                          <td className="num">{percent(g.promotedBy.months24)}</td>
                        </tr>
                      )),
                )}
              </tbody>
            </table>
          </div>
          <Findings findings={report.findings} />
        </>
      ) : null}
    </section>
  );
}

function ComplexitySection() {
  const { cycles, attributes, cycleChoices, dimensions } = useChoices();
  const [cycleId, setCycleId] = useState('');
  const [complexity, setComplexity] = useState('');
  const [order, setOrder] = useState('');
  const [group, setGroup] = useState('attribute:gender');
  const [favourable, setFavourable] = useState<string[]>(OUTCOMES.ov.favourable);
  const [result, setResult] = useState<ComplexityAnalysis | null>(null);
  const action = useAction();
  const attributeList = attributes.data?.attributes ?? [];
  const chosenCycle = cycleId || cycleChoices[0]?.value || '';
  const chosenComplexity = complexity || attributeList.find((a) => /scope|complex|size/iu.test(a)) || attributeList[0] || '';
  function submit(event: FormEvent) {
    event.preventDefault();
    // Until the cycles have loaded there is nothing to ask about.
    if (!chosenCycle || !chosenComplexity) return;
    const complexityOrder = order.split(',').map((v) => v.trim()).filter(Boolean);
    void action.run(async () => setResult(await analyseComplexity({ cycleId: Number(chosenCycle), favourable, complexity: chosenComplexity, group, ...(complexityOrder.length ? { complexityOrder } : {}) })));
  }
  return (
    <section className="card stack" aria-label="Ratings and complexity">
      <h2 className="card__title">Ratings against workload complexity</h2>
      <p className="muted small">Where a complexity of each person's work is recorded (an imported attribute such as scope or project size): do ratings rise with it, and does a group gap remain when people doing work of the same complexity, at the same level, are compared?</p>
      <form className="stack" onSubmit={submit} aria-label="Complexity analysis">
        <div className="analytics-form">
          <SelectField label="Cycle" value={chosenCycle} onChange={setCycleId} choices={cycleChoices} />
          <SelectField label="Complexity attribute" value={chosenComplexity} onChange={setComplexity} choices={attributeList.map((a) => ({ value: a, label: a }))} />
          <Field label="Its values, lowest first" hint="Separated by commas; not needed when the values are numbers." value={order} onChange={(e) => setOrder(e.target.value)} />
          <SelectField label="Compare groups by" value={group} onChange={setGroup} choices={dimensions.filter((d) => d.value !== `attribute:${chosenComplexity}`)} />
        </div>
        <ChecksField legend="Favourable" choices={OUTCOMES.ov.values.map((v) => ({ value: v, label: v }))} chosen={favourable} onChange={setFavourable} />
        <div className="form__actions">
          <SubmitButton busy={action.busy} busyLabel="Computing…">
            Compare
          </SubmitButton>
        </div>
        <ActionOutcome action={action} resource={cycles} />
      </form>
      {result ? (
        <>
          <div className="card card--flush table-scroll">
            <table className="table table--compact">
              <caption className="visually-hidden">Favourable share by complexity</caption>
              <TableHead columns={[result.complexity, 'People', 'Favourable', 'Share']} />
              <tbody>
                {result.byComplexity.rows.map((r) => (
                  <tr key={r.value}>
                    <th scope="row">{r.value}</th>
                    <td className="num">{formatNumber(r.n)}</td>
                    <td className="num">{formatNumber(r.favourable)}</td>
                    <td className="num">{percent(r.share)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {result.gaps.length ? (
            <div className="card card--flush table-scroll">
              <table className="table table--compact">
                <caption className="visually-hidden">Group gaps before and after controlling for complexity</caption>
                <TableHead columns={['Group', 'Against', 'Odds ratio (level)', 'Holm p', `Odds ratio (level and ${result.complexity})`, 'Holm p', 'Verdict']} />
                <tbody>
                  {result.gaps.map((g) => (
                    <tr key={g.group}>
                      <th scope="row">{g.group}</th>
                      <td>{g.reference}</td>
                      <td className="num">{ratio(g.before.oddsRatio)}</td>
                      <td className="num">{pValue(g.before.pHolm)}</td>
                      <td className="num">{ratio(g.after.oddsRatio)}</td>
                      <td className="num">{pValue(g.after.pHolm)}</td>
                      <td>{{ persists: 'Gap persists', explained: 'Explained by complexity', appears: 'Appears within complexity', none: 'No significant gap' }[g.verdict]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <Findings findings={result.findings} />
        </>
      ) : null}
    </section>
  );
}

function UraSection() {
  const { cycles, cycleChoices } = useChoices();
  const [cycleId, setCycleId] = useState('');
  const [report, setReport] = useState<UraGovernance | null>(null);
  const action = useAction();
  const chosenCycle = cycleId || cycleChoices[0]?.value || '';
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!chosenCycle) return;
    void action.run(async () => setReport(await getUraGovernance({ cycleId: Number(chosenCycle) })));
  }
  return (
    <section className="card stack" aria-label="URA governance">
      <h2 className="card__title">URA governance</h2>
      <p className="muted small">Do LE ratings and Focus placements cluster in organisations behind their unregretted-attrition target? If they do, the target rather than the work may be driving ratings.</p>
      <form className="stack" onSubmit={submit} aria-label="URA governance of a cycle">
        <div className="analytics-form">
          <SelectField label="Cycle" value={chosenCycle} onChange={setCycleId} choices={cycleChoices} hint="Organisations one level below the cycle's root; URA for the year the cycle began." />
        </div>
        <div className="form__actions">
          <SubmitButton busy={action.busy} busyLabel="Computing…">
            Check
          </SubmitButton>
        </div>
        <ActionOutcome action={action} resource={cycles} />
      </form>
      {report ? (
        <>
          <div className="card card--flush table-scroll">
            <table className="table table--compact">
              <caption className="visually-hidden">URA and ratings by organisation</caption>
              <TableHead columns={['Organisation', 'URA target', 'Target to date', 'URA so far', 'Behind', 'Rated', 'LE share', 'Focus share']} />
              <tbody>
                {report.organisations.map((o) => (
                  <tr key={o.name}>
                    <th scope="row">{o.name}</th>
                    <td className="num">{o.targetPercent}%</td>
                    <td className="num">{o.targetToDatePercent}%</td>
                    <td className="num">{o.uraToDatePercent === null ? 'n/a' : `${o.uraToDatePercent}%`}</td>
                    <td>{o.behind === null ? 'n/a' : o.behind ? 'Behind' : 'On track'}</td>
                    <td className="num">{formatNumber(o.rated)}</td>
                    <td className="num">{percent(o.leShare)}</td>
                    <td className="num">{percent(o.focusShare)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Findings findings={report.findings} />
        </>
      ) : null}
    </section>
  );
}
