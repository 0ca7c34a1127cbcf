import { useState } from 'react';
import { formatCents, getBudget, parseCents, type Budget } from '../../api/compensation.ts';
import { useAction } from '../../api/use-action.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PersonSearch } from '../../components/PersonSearch.tsx';

/** An organisation's pay for the coming year, refreshes and merit budget, for HR and admins. */
export function BudgetPage() {
  const action = useAction();
  const [root, setRoot] = useState<{ id: number; name: string } | null>(null);
  const [price, setPrice] = useState('');
  const [budget, setBudget] = useState<Budget | null>(null);
  const load = (rootId: number) =>
    void action.run(async () => {
      const cents = price.trim() ? parseCents(price) : undefined;
      if (cents === null) throw new Error('The share price is not an amount.');
      setBudget(await getBudget(rootId, cents));
    });
  const money = (c: number) => formatCents(c, budget?.currency);
  return (
    <div className="stack">
      <PageHeader title="Pay budget" lead="Year 1 of everyone's statement in an organisation, the refreshes the policy would grant today, and the merit budget of each band." />
      <section className="card card--form">
        <div className="form__row">
          <PersonSearch
            label="Organisation led by"
            actionLabel="Choose"
            onPick={(p) => {
              setRoot({ id: p.id, name: p.name });
              load(p.id);
            }}
          />
          <div className="field">
            <label className="field__label" htmlFor="budget-price">
              Share price (optional)
            </label>
            <input id="budget-price" className="input" inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} />
          </div>
        </div>
        {root ? (
          <button type="button" className="button button--secondary" onClick={() => load(root.id)}>
            Recalculate for {root.name}
          </button>
        ) : null}
        <ActionOutcome action={action} heading="No budget" />
      </section>
      {budget ? (
        <section className="card" aria-labelledby="budget-title">
          <h2 className="card__title" id="budget-title">
            {budget.root.name}’s organisation at {money(budget.sharePriceCents)} a share
          </h2>
          <p className="muted">
            {budget.totals.people} people with pay on record; {budget.withoutPackage} without; {budget.totals.unrated} without a calibrated rating (left out of the merit budget).
          </p>
          <table className="table" data-testid="budget">
            <thead>
              <tr>
                <th scope="col">Level</th>
                <th scope="col">People</th>
                <th scope="col">Base</th>
                <th scope="col">Equity vesting</th>
                <th scope="col">Sign-on</th>
                <th scope="col">Total</th>
                <th scope="col">Target</th>
                <th scope="col">Refreshes</th>
                <th scope="col">Merit budget</th>
              </tr>
            </thead>
            <tbody>
              {[...budget.byLevel, { level: 'All', ...budget.totals }].map((l) => (
                <tr key={l.level}>
                  <th scope="row">{l.level}</th>
                  <td>{l.people}</td>
                  <td>{money(l.baseCents)}</td>
                  <td>{money(l.equityCents)}</td>
                  <td>{money(l.signOnCents)}</td>
                  <td>{money(l.totalCents)}</td>
                  <td>{money(l.targetCents)}</td>
                  <td>{money(l.refreshCents)}</td>
                  <td>
                    {money(l.meritMinCents)} to {money(l.meritMaxCents)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}
