import { useState } from 'react';
import { erasePerson } from '../../api/privacy.ts';
import { useAction } from '../../api/use-action.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { Field } from '../../components/Field.tsx';

/**
 * Administrators erase a leaver's personal data on a documented request (docs/operations.md,
 * Erasure). Irreversible, so the button only arms after the administrator types the person id.
 */
export function EraseCard({ personId, onErased }: { personId: number; onErased: () => void }) {
  const action = useAction();
  const [typed, setTyped] = useState('');
  const armed = typed.trim() === String(personId);
  return (
    <section className="card" aria-labelledby="erase-person">
      <h2 className="card__title" id="erase-person">
        Erase personal data
      </h2>
      <p className="muted small">
        Deletes this leaver’s reviews, feedback about them, goals, demographics and sign-in data, and replaces their name and email
        everywhere else, including the audit log. Ratings, pay and pipeline records stay, no longer naming them. This cannot be undone.
      </p>
      <Field label={`Type the person id (${personId}) to confirm`} inputMode="numeric" value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="erase-confirm" />
      <ActionOutcome action={action} />
      <div className="form__actions">
        <button
          type="button"
          className="button button--danger"
          data-testid="erase-person"
          disabled={!armed || action.busy}
          onClick={() =>
            action.run(async () => {
              const result = await erasePerson(personId);
              onErased();
              const rows = Object.values(result.counts).reduce((a, b) => a + b, 0);
              return `Erased: ${rows} rows deleted or pseudonymised.`;
            })
          }
        >
          Erase
        </button>
      </div>
    </section>
  );
}
