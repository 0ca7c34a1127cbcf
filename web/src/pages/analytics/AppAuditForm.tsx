import { useState, type FormEvent } from 'react';
import { listAttributes, runBiasAudit, type AppBiasAudit } from '../../api/analytics.ts';
import { listCycles } from '../../api/cycles.ts';
import type { Person } from '../../api/people.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { PersonSearch } from '../../components/PersonSearch.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import type { AppOutcome } from '../../../../src/shared/schemas/analytics.ts';
import { dimensionChoices, OUTCOMES } from './dimensions.ts';
import { ChecksField, MinGroupField, SelectField } from './FormFields.tsx';

/** Chooses an audit of the app's own data (a cycle's ratings, or exits) and runs it. */
export function AppAuditForm({ onAudit }: { onAudit: (audit: AppBiasAudit) => void }) {
  const cycles = useResource((signal) => listCycles(signal), 'analytics-cycles');
  const attributes = useResource((signal) => listAttributes(signal), 'analytics-attributes');
  const [outcome, setOutcome] = useState<AppOutcome>('ov');
  const [cycleId, setCycleId] = useState('');
  const [favourable, setFavourable] = useState<string[]>(OUTCOMES.ov.favourable);
  const [group, setGroup] = useState('attribute:gender');
  const [controls, setControls] = useState<string[]>(['level']);
  const [minGroup, setMinGroup] = useState(5);
  const [root, setRoot] = useState<Person | null>(null);
  const action = useAction();

  const dimensions = dimensionChoices(attributes.data?.attributes ?? []);
  const cycleChoices = (cycles.data?.cycles ?? []).filter((c) => c.status !== 'draft').map((c) => ({ value: String(c.id), label: c.name }));
  const chosenCycle = cycleId || cycleChoices[0]?.value || '';

  function chooseOutcome(value: string) {
    const next = value as AppOutcome;
    setOutcome(next);
    setFavourable(OUTCOMES[next].favourable);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void action.run(async () => {
      const audit = await runBiasAudit({
        outcome,
        ...(outcome === 'exit' ? {} : { cycleId: Number(chosenCycle) }),
        ...(root ? { rootPersonId: root.id } : {}),
        favourable,
        group,
        controls: controls.filter((c) => c !== group),
        minGroup,
      });
      onAudit(audit);
    });
  }

  return (
    <form className="card card--form stack" onSubmit={submit} aria-label="Audit ratings or exits">
      <div className="analytics-form">
        <SelectField label="Outcome" value={outcome} onChange={chooseOutcome} choices={(Object.keys(OUTCOMES) as AppOutcome[]).map((o) => ({ value: o, label: OUTCOMES[o].label }))} />
        {outcome !== 'exit' ? <SelectField label="Cycle" value={chosenCycle} onChange={setCycleId} choices={cycleChoices} hint="Its calibrated ratings, in every session." /> : null}
        <SelectField label="Compare groups by" value={group} onChange={setGroup} choices={dimensions} />
        <MinGroupField value={minGroup} onChange={setMinGroup} />
      </div>
      <ChecksField legend="Favourable" choices={OUTCOMES[outcome].values.map((v) => ({ value: v, label: v }))} chosen={favourable} onChange={setFavourable} hint="The outcome values that count as the good outcome." />
      <ChecksField
        legend="Compare like with like: hold equal"
        choices={dimensions.filter((d) => d.value !== group)}
        chosen={controls}
        onChange={setControls}
        hint="Groups are compared within each combination of these (strata); level is the usual choice."
      />
      {root ? (
        <p>
          Only the organisation of <strong>{root.name}</strong>.{' '}
          <button type="button" className="button button--ghost button--small" onClick={() => setRoot(null)}>
            Whole scope
          </button>
        </p>
      ) : (
        <PersonSearch label="Narrow to someone's organisation (optional)" actionLabel="Choose" onPick={setRoot} />
      )}
      <div className="form__actions">
        <SubmitButton busy={action.busy} busyLabel="Auditing…">
          Run the audit
        </SubmitButton>
      </div>
      <ActionOutcome action={action} resource={cycles.status === 'error' ? cycles : attributes} />
    </form>
  );
}
