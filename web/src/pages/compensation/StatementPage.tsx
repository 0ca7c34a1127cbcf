import { useParams } from 'react-router-dom';
import { isApiError } from '../../api/client.ts';
import { formatCents, getStatement, type Statement } from '../../api/compensation.ts';
import { useResource } from '../../api/use-resource.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { MissingPage, PageLoading } from '../../components/PageStates.tsx';
import { hasRole, useMe } from '../../components/me-context.ts';
import { RecordChangeForm } from './RecordChangeForm.tsx';

/**
 * A person's pay for the next four years, a separate screen from growth (career, promotions):
 * base, equity vesting at the share price, sign-on, total against the level's target, and,
 * where the policy asks for it, the sentence behind every number.
 */
export function StatementPage() {
  const { me } = useMe();
  const { personId: param } = useParams();
  const personId = param ? Number(param) : me.personId;
  if (!personId) return <MissingPage title="Compensation" lead="This account is not linked to a person, so it has no pay." back={{ to: '/', label: 'Back to my profile' }} />;
  return <StatementView personId={personId} own={personId === me.personId} canRecord={!param ? false : hasRole(me, 'hr') || hasRole(me, 'admin')} />;
}

function StatementView({ personId, own, canRecord }: { personId: number; own: boolean; canRecord: boolean }) {
  const statement = useResource((signal) => getStatement(personId, {}, signal), `statement-${personId}`);
  if (statement.status === 'error' && isApiError(statement.error, 404)) {
    return <MissingPage title="Compensation" lead="There is no pay you can read for this person." back={{ to: '/', label: 'Back to my profile' }} />;
  }
  if (!statement.data) return <PageLoading title="Compensation" resource={statement} />;
  const s = statement.data;
  const money = (cents: number) => formatCents(cents, s.currency);
  return (
    <div className="stack">
      <PageHeader
        title={own ? 'My compensation' : `Compensation: ${s.person.name}`}
        lead={s.base ? `${s.person.level} · base ${money(s.base.cents)} since ${s.base.since} (${s.base.reason})${s.targetCents !== null ? ` · target total ${money(s.targetCents)} a year` : ''}` : 'No pay in force.'}
      />
      {s.notes.length ? (
        <ul className="notice notice--info bullets" data-testid="statement-notes">
          {s.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
      {s.years.length ? <Years statement={s} money={money} /> : null}
      {s.grants.length ? (
        <section className="card" aria-labelledby="grants-title">
          <h2 className="card__title" id="grants-title">
            Equity grants
          </h2>
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">Grant</th>
                <th scope="col">Shares</th>
                <th scope="col">Vesting</th>
              </tr>
            </thead>
            <tbody>
              {s.grants.map((g) => (
                <tr key={g.id}>
                  <th scope="row">
                    {g.kind}, {g.grantDate}
                  </th>
                  <td>{g.shares.toLocaleString('en-US')}</td>
                  <td>{g.tranches.map((t) => `${t.shares.toLocaleString('en-US')} on ${t.on}`).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <section className="card" aria-labelledby="history-title">
        <h2 className="card__title" id="history-title">
          History
        </h2>
        {s.history.length ? (
          <ul className="log" data-testid="pay-history">
            {[...s.history].reverse().map((h) => (
              <li className="log__entry" key={h.id}>
                <span className="log__meta">
                  {h.effectiveOn} · {h.kind}
                </span>{' '}
                {h.summary}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No pay on record.</p>
        )}
      </section>
      {canRecord ? <RecordChangeForm personId={personId} onRecorded={statement.reload} /> : null}
    </div>
  );
}

function Years({ statement, money }: { statement: Statement; money: (c: number) => string }) {
  return (
    <section className="card" aria-labelledby="years-title">
      <h2 className="card__title" id="years-title">
        The next four years{statement.sharePrice ? ` at ${money(statement.sharePrice.cents)} a share` : ''}
      </h2>
      <table className="table" data-testid="statement-years">
        <thead>
          <tr>
            <th scope="col">Year</th>
            <th scope="col">Base</th>
            <th scope="col">Equity vesting</th>
            <th scope="col">Sign-on</th>
            {statement.years.some((y) => y.bonusCents > 0) ? <th scope="col">Bonus</th> : null}
            <th scope="col">Total</th>
            <th scope="col">Against target</th>
          </tr>
        </thead>
        <tbody>
          {statement.years.map((y) => (
            <tr key={y.year}>
              <th scope="row">
                {y.year} <span className="muted small">from {y.from}</span>
              </th>
              <td>{money(y.baseCents)}</td>
              <td>
                {money(y.equityCents)} <span className="muted small">({y.equityShares.toLocaleString('en-US')} shares)</span>
              </td>
              <td>{money(y.signOnCents)}</td>
              {statement.years.some((x) => x.bonusCents > 0) ? <td>{money(y.bonusCents)}</td> : null}
              <td>{money(y.totalCents)}</td>
              <td>{y.differenceCents >= 0 ? `+${money(y.differenceCents)}` : `-${money(-y.differenceCents)}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {statement.explained ? (
        <div className="stack stack--tight" data-testid="explanations">
          <h3 className="prose__heading">How each number is worked out</h3>
          {statement.years.map((y) => (
            <details className="disclosure" key={y.year}>
              <summary>Year {y.year}</summary>
              <ul className="bullets disclosure__body">
                {y.explanations.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </details>
          ))}
        </div>
      ) : null}
    </section>
  );
}
