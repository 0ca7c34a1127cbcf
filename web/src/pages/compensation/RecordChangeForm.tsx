import { useId, useState } from 'react';
import { parseCents, recordChange, type CompensationChangeBody } from '../../api/compensation.ts';
import { useAction } from '../../api/use-action.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { PersonSearch } from '../../components/PersonSearch.tsx';

type Kind = CompensationChangeBody['kind'];
const KINDS: { kind: Kind; label: string }[] = [
  { kind: 'hire', label: 'Hire' },
  { kind: 'merit', label: 'Merit increase' },
  { kind: 'refresh', label: 'Equity refresh' },
  { kind: 'retention', label: 'Retention offer' },
  { kind: 'departure', label: 'Departure' },
  { kind: 'boomerang', label: 'Boomerang (return)' },
];

/** HR records one pay change; the server works out the numbers from the policy and refuses what breaks it. */
export function RecordChangeForm({ personId, onRecorded }: { personId: number; onRecorded: () => void }) {
  const id = useId();
  const action = useAction();
  const [kind, setKind] = useState<Kind>('merit');
  const [effectiveOn, setEffectiveOn] = useState(new Date().toISOString().slice(0, 10));
  const [amount, setAmount] = useState('');
  const [price, setPrice] = useState('');
  const [approver, setApprover] = useState<{ id: number; name: string } | null>(null);

  function body(): CompensationChangeBody | string {
    const cents = parseCents(amount);
    const priceCents = price.trim() ? parseCents(price) : undefined;
    if (priceCents === null) return 'The share price is not an amount.';
    const shared = priceCents ? { sharePriceCents: priceCents } : {};
    switch (kind) {
      case 'hire':
        return cents ? { kind, effectiveOn, baseCents: cents, ...shared } : 'Give the base salary.';
      case 'merit':
        return /^\d+(\.\d{1,2})?$/u.test(amount.trim()) ? { kind, effectiveOn, percent: Number(amount) } : 'Give the merit as a percentage, e.g. 2.5.';
      case 'retention':
        return cents ? { kind, effectiveOn, valueCents: cents, ...shared, ...(approver ? { approverPersonId: approver.id } : {}) } : 'Give the value of the offer.';
      case 'refresh':
      case 'boomerang':
        return { kind, effectiveOn, ...shared };
      case 'departure':
        return { kind, effectiveOn };
    }
  }

  return (
    <section className="card card--form" aria-labelledby={`${id}-title`}>
      <h2 className="card__title" id={`${id}-title`}>
        Record a pay change
      </h2>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(async () => {
            const b = body();
            if (typeof b === 'string') throw new Error(b);
            const result = await recordChange(personId, b);
            onRecorded();
            return result.summary;
          });
        }}
      >
        <div className="form__row">
          <div className="field">
            <label className="field__label" htmlFor={`${id}-kind`}>
              Change
            </label>
            <select id={`${id}-kind`} className="input" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              {KINDS.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-date`}>
              Effective on
            </label>
            <input id={`${id}-date`} className="input" type="date" value={effectiveOn} onChange={(e) => setEffectiveOn(e.target.value)} />
          </div>
          {kind === 'hire' || kind === 'merit' || kind === 'retention' ? (
            <div className="field">
              <label className="field__label" htmlFor={`${id}-amount`}>
                {kind === 'hire' ? 'Base salary' : kind === 'merit' ? 'Merit (%)' : 'Offer value'}
              </label>
              <input id={`${id}-amount`} className="input" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
            </div>
          ) : null}
          {kind !== 'merit' && kind !== 'departure' ? (
            <div className="field">
              <label className="field__label" htmlFor={`${id}-price`}>
                Share price (optional: the recorded one otherwise)
              </label>
              <input id={`${id}-price`} className="input" inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} />
            </div>
          ) : null}
        </div>
        {kind === 'retention' ? (
          <div>
            <PersonSearch label="Approved by (a VP in their chain)" actionLabel="Choose" onPick={(p) => setApprover({ id: p.id, name: p.name })} />
            {approver ? <p>Approver: {approver.name}</p> : null}
          </div>
        ) : null}
        <ActionOutcome action={action} heading="Nothing was recorded" />
        <div className="form__actions">
          <button type="submit" className="button" disabled={action.busy}>
            Record
          </button>
        </div>
      </form>
    </section>
  );
}
