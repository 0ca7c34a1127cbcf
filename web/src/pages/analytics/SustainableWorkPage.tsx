import { useState, type FormEvent } from 'react';
import { getSustainableWork, type SustainableWork } from '../../api/analytics.ts';
import { useAction } from '../../api/use-action.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { Field } from '../../components/Field.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { TableHead } from '../../components/TableHead.tsx';
import { formatNumber } from '../../components/format.ts';
import { percent, ratio } from './analytics-format.ts';
import { AnalyticsFrame } from './AnalyticsFrame.tsx';
import { Findings } from './Findings.tsx';

/** Team-level load: out-of-hours pages and incidents, on-call per person-week, rework. Never people. */
export function SustainableWorkPage() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [report, setReport] = useState<SustainableWork | null>(null);
  const action = useAction();
  function submit(event: FormEvent) {
    event.preventDefault();
    void action.run(async () => setReport(await getSustainableWork({ ...(from ? { from } : {}), ...(to ? { to } : {}) })));
  }
  return (
    <AnalyticsFrame
      title="Sustainable work"
      lead="Is the work sustainable? Pages and incidents outside each responder's working day in their own time zone, on-call hours per person-week, and quick reverts, per team. Teams are listed by name: this is for a conversation about load, never a ranking, and no person appears."
    >
      <form className="card card--form stack" onSubmit={submit} aria-label="Sustainable work over a period">
        <div className="analytics-form">
          <Field label="From" type="date" hint="Twelve weeks back by default." value={from} onChange={(e) => setFrom(e.target.value)} />
          <Field label="To (not included)" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <div className="form__actions">
          <SubmitButton busy={action.busy} busyLabel="Computing…">
            Show signals
          </SubmitButton>
        </div>
        <ActionOutcome action={action} />
      </form>
      {report ? (
        <section className="card stack" aria-label="Team signals">
          <h2 className="card__title">
            {report.from} to {report.to}
          </h2>
          <div className="card card--flush table-scroll">
            <table className="table table--compact">
              <caption className="visually-hidden">Sustainable-work signals per team</caption>
              <TableHead columns={['Team', 'Members', 'Pages', 'Out of hours', 'Incidents', 'Out of hours', 'On-call h per person-week', 'On the rota', 'Pages per on-call week', 'Quick reverts']} />
              <tbody>
                {report.teams.map((t) => {
                  const knownPages = t.pages.total - t.pages.unknownTimeZone;
                  const knownIncidents = t.incidents.total - t.incidents.unknownTimeZone;
                  return (
                    <tr key={t.name}>
                      <th scope="row">{t.name}</th>
                      <td className="num">{formatNumber(t.members)}</td>
                      <td className="num">{formatNumber(t.pages.total)}</td>
                      <td className="num">{knownPages ? percent(t.pages.outsideHours / knownPages) : 'n/a'}</td>
                      <td className="num">{formatNumber(t.incidents.total)}</td>
                      <td className="num">{knownIncidents ? percent(t.incidents.outsideHours / knownIncidents) : 'n/a'}</td>
                      <td className="num">{ratio(t.onCall.hoursPerPersonWeek)}</td>
                      <td className="num">{formatNumber(t.onCall.membersOnRota)}</td>
                      <td className="num">{ratio(t.onCall.pagesPerOnCallWeek)}</td>
                      <td className="num">{t.rework.share === null ? 'n/a' : `${formatNumber(t.rework.quickReverts)} (${percent(t.rework.share)})`}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Findings findings={report.findings} />
        </section>
      ) : null}
    </AnalyticsFrame>
  );
}
