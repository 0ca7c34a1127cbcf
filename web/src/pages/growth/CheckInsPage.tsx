import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { getCheckInAgenda, getGrowthOverview, listCheckIns, recordCheckIn, type Agenda } from '../../api/growth.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageStates.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { TableHead } from '../../components/TableHead.tsx';
import { formatDate } from '../../components/format.ts';
import { GrowthNav } from './GrowthNav.tsx';
import { todayIso, usePersonParam } from './person-param.ts';

/**
 * Check-ins. A manager sees every report's state (overdue first) and, for one report, the
 * generated agenda, the form to record the check-in and the pair's history; a report sees their
 * own check-ins.
 */
export function CheckInsPage() {
  const { personId, isMe } = usePersonParam();
  const overview = useResource((signal) => getGrowthOverview(signal), 'growth-overview');
  if (!overview.data) return <PageLoading title="Check-ins" resource={overview} />;
  const reports = [...overview.data.reports].sort((a, b) => Number(b.overdue) - Number(a.overdue) || b.daysOverdue - a.daysOverdue);
  return (
    <div className="stack">
      <PageHeader title="Check-ins" lead="Monthly or quarterly conversations with an agenda drawn from goals, recent notes and the development plan. Notes stay with the two of you." />
      <GrowthNav />
      {reports.length > 0 ? (
        <section className="card card--flush" aria-labelledby="reports-title">
          <h2 className="card__title" id="reports-title">
            My reports
          </h2>
          <table className="table table--stack" data-testid="check-in-overview">
            <TableHead columns={['Name', 'Last check-in', 'Next due', 'Open goals', 'Plans to write']} actions />
            <tbody>
              {reports.map((r) => (
                <tr key={r.person.id}>
                  <td data-label="Name">{r.person.name}</td>
                  <td data-label="Last check-in">{r.lastCheckIn ? formatDate(r.lastCheckIn) : 'None yet'}</td>
                  <td data-label="Next due">
                    {/* With no check-in ever, the count of days since the start says little: "overdue" is enough. */}
                    {r.lastCheckIn ? formatDate(r.dueOn) : 'Now'} {r.overdue ? <span className="badge badge--terminated">{r.lastCheckIn ? `Overdue by ${r.daysOverdue} days` : 'Overdue'}</span> : null}
                  </td>
                  <td data-label="Open goals">{r.openGoals}</td>
                  <td data-label="Plans to write">{r.plansToWrite.length ? <Link to={`/growth/plan?person=${r.person.id}`}>{r.plansToWrite.map((p) => p.cycle.name).join(', ')}</Link> : '—'}</td>
                  <td>
                    <Link className="button button--small button--secondary" to={`/growth/check-ins?person=${r.person.id}`} aria-label={`Check in with ${r.person.name}`}>
                      Check in
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {overview.data.mine && isMe ? (
        <p className="card">
          With {overview.data.mine.manager.name}: last check-in {formatDate(overview.data.mine.lastCheckIn)}, next due {formatDate(overview.data.mine.dueOn)}.
        </p>
      ) : null}
      {personId !== null && !isMe ? <PairPanel personId={personId} /> : null}
      {personId !== null && isMe && overview.data.mine ? <History personId={personId} /> : null}
    </div>
  );
}

function PairPanel({ personId }: { personId: number }) {
  const agenda = useResource((signal) => getCheckInAgenda(personId, signal), `agenda-${personId}`);
  const [version, setVersion] = useState(0);
  if (!agenda.data) return <PageLoading title="Agenda" resource={agenda} />;
  return (
    <>
      <CheckInForm
        personId={personId}
        agenda={agenda.data}
        onSaved={() => {
          agenda.reload();
          setVersion((v) => v + 1);
        }}
      />
      <History personId={personId} version={version} />
    </>
  );
}

function CheckInForm({ personId, agenda, onSaved }: { personId: number; agenda: Agenda; onSaved: () => void }) {
  const [notes, setNotes] = useState('');
  const [heldOn, setHeldOn] = useState(todayIso);
  const [cadence, setCadence] = useState(agenda.defaultCadence);
  const [concern, setConcern] = useState(false);
  const [followUp, setFollowUp] = useState('');
  const action = useAction();
  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    await action.run(async () => {
      await recordCheckIn(personId, { heldOn, cadence, notes, concern, agenda: agenda.items, ...(agenda.openPlan && followUp.trim() ? { planFollowUp: { planId: agenda.openPlan.id, note: followUp } } : {}) });
      setNotes('');
      setFollowUp('');
      onSaved();
      return 'Check-in recorded.';
    });
  }
  return (
    <form className="card form" onSubmit={handleSubmit} aria-label={`Check-in with ${agenda.person.name}`}>
      <h2 className="card__title">Check-in with {agenda.person.name}</h2>
      <h3>Agenda</h3>
      {agenda.items.length === 0 ? <p className="muted">Nothing open: no goals, notes or plan items since the last check-in.</p> : null}
      <ol className="growth-list" data-testid="agenda">
        {agenda.items.map((item) => (
          <li key={item.ref}>
            <span className="badge">{item.kind}</span> {item.text}
          </li>
        ))}
      </ol>
      <div className="form__row">
        <label className="field">
          <span className="field__label">Held on</span>
          <input className="input" type="date" max={todayIso()} value={heldOn} onChange={(e) => setHeldOn(e.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">Next check-in</span>
          <select className="input" value={cadence} onChange={(e) => setCadence(e.target.value as 'monthly')}>
            <option value="monthly">In a month</option>
            <option value="quarterly">In a quarter</option>
          </select>
        </label>
      </div>
      <label className="field">
        <span className="field__label">Notes</span>
        <textarea className="input textarea" value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={10_000} />
      </label>
      {agenda.openPlan ? (
        <label className="field">
          <span className="field__label">Development plan follow-up</span>
          <textarea className="input textarea textarea--short" value={followUp} onChange={(e) => setFollowUp(e.target.value)} maxLength={2000} />
        </label>
      ) : null}
      <label className="check">
        <input type="checkbox" checked={concern} onChange={(e) => setConcern(e.target.checked)} />
        <span className="check__text">A concern was raised (counts for calibration’s “no surprises” rule)</span>
      </label>
      <ActionOutcome action={action} heading="The check-in was not recorded" />
      <div className="form__actions">
        <SubmitButton busy={action.busy} busyLabel="Saving…">
          Record check-in
        </SubmitButton>
      </div>
    </form>
  );
}

function History({ personId, version = 0 }: { personId: number; version?: number }) {
  const list = useResource((signal) => listCheckIns(personId, signal), `check-ins-${personId}-${version}`);
  if (!list.data) return null;
  return (
    <section className="card" aria-labelledby="history-title" data-testid="check-in-history">
      <h2 className="card__title" id="history-title">
        Check-ins with {list.data.person.name}
      </h2>
      <p className="muted small">Next due {formatDate(list.data.due.dueOn)}{list.data.due.overdue ? ' (overdue)' : ''}.</p>
      {list.data.checkIns.length === 0 ? <p className="muted">None recorded yet.</p> : null}
      <ul className="growth-list">
        {list.data.checkIns.map((c) => (
          <li key={c.id}>
            <div className="growth-meta">
              {formatDate(c.heldOn)} with {c.manager.name} {c.concern ? <span className="badge">Concern raised</span> : null}
            </div>
            <p className="prose__text">{c.notes}</p>
            {c.planFollowUp ? <p className="small">Plan follow-up: {c.planFollowUp.note}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
