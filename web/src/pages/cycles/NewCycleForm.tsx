import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { createCycle, listPolicies, type Cycle, type PolicySummary } from '../../api/cycles.ts';
import type { Person } from '../../api/people.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { Avatar } from '../../components/Avatar.tsx';
import { Field } from '../../components/Field.tsx';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { PersonSearch } from '../../components/PersonSearch.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { orDash } from '../../components/format.ts';
import { createCycleBodySchema } from '../../../../src/shared/schemas/cycles.ts';

type FieldErrors = Partial<Record<'name' | 'root' | 'policy', string>>;

/** The newest version of each policy key: a new cycle pins the latest version of the key it names. */
function latestPerKey(policies: PolicySummary[]): PolicySummary[] {
  const byKey = new Map<string, PolicySummary>();
  for (const p of policies) if ((byKey.get(p.key)?.version ?? 0) < p.version) byKey.set(p.key, p);
  return [...byKey.values()];
}

/** HR and admins: a draft cycle for one person's organisation under a policy. */
export function NewCycleForm({ onCreated, onCancel }: { onCreated: (cycle: Cycle) => void; onCancel: () => void }) {
  const id = useId();
  const policies = useResource((signal) => listPolicies(signal), 'policies');
  const options = latestPerKey(policies.data?.policies ?? []);
  const [name, setName] = useState('');
  const [root, setRoot] = useState<Person | null>(null);
  const [policy, setPolicy] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const action = useAction();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => headingRef.current?.focus(), []);
  useEffect(() => {
    if (!policy && options[0]) setPolicy(options[0].key);
  }, [policy, options]);

  const chosen = options.find((p) => p.key === policy);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    action.clear();
    const body = { name: name.trim(), rootPersonId: root?.id ?? 0, policy };
    const checked = createCycleBodySchema.safeParse(body);
    const fieldErrors: FieldErrors = {};
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const key = issue.path[0];
        if (key === 'name') fieldErrors.name ??= 'Name the cycle, for example “Forte 2026”.';
        else if (key === 'rootPersonId') fieldErrors.root ??= 'Choose whose organisation takes part.';
        else if (key === 'policy') fieldErrors.policy ??= 'Choose a policy.';
      }
    }
    const form = event.currentTarget;
    flushSync(() => setErrors(fieldErrors));
    if (Object.keys(fieldErrors).length) {
      const target = form.querySelector<HTMLElement>('[aria-invalid="true"]') ?? (fieldErrors.root ? form.querySelector<HTMLElement>('input[type="search"]') : null);
      target?.focus();
      return;
    }
    await action.run(async () => onCreated(await createCycle(body)), { staysBusy: true });
  }

  return (
    <section className="card card--form" aria-labelledby={`${id}-title`} id="new-cycle">
      <h2 className="card__title" id={`${id}-title`} tabIndex={-1} ref={headingRef}>
        New review cycle
      </h2>
      <p className="muted small">
        It starts as a draft that nobody else sees. Deadlines follow the policy’s calendar; you will see them once the draft exists, before you
        launch it.
      </p>
      <form className="form" onSubmit={handleSubmit} noValidate aria-labelledby={`${id}-title`}>
        <Field label="Name" autoComplete="off" value={name} error={errors.name} placeholder="Forte 2026" onChange={(e) => setName(e.target.value)} />
        <div className="field">
          <span className="field__label" id={`${id}-root`}>
            Organisation
          </span>
          {root ? (
            <div className="chosen" aria-labelledby={`${id}-root`}>
              <span className="person-chip">
                <Avatar name={root.name} size="sm" />
                <span>
                  <span className="person-chip__name" data-testid="chosen-root">
                    {root.name}
                  </span>
                  <span className="person-chip__meta">{orDash(root.title)} · everyone who reports up to them takes part</span>
                </span>
              </span>
              <button type="button" className="button button--ghost button--small" onClick={() => setRoot(null)}>
                Change
              </button>
            </div>
          ) : (
            <>
              <PersonSearch label="Find the person at the top of the organisation" actionLabel="Choose" onPick={setRoot} />
              {errors.root ? <p className="field__error">{errors.root}</p> : null}
            </>
          )}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-policy`}>
            Policy
          </label>
          <select
            id={`${id}-policy`}
            className="input"
            value={policy}
            onChange={(e) => setPolicy(e.target.value)}
            aria-describedby={chosen ? `${id}-policy-hint` : undefined}
            aria-invalid={errors.policy ? true : undefined}
          >
            {options.length === 0 ? <option value="">Loading policies…</option> : null}
            {options.map((p) => (
              <option key={p.key} value={p.key}>
                {p.name} (version {p.version})
              </option>
            ))}
          </select>
          {chosen ? (
            <p className="field__hint" id={`${id}-policy-hint`}>
              {chosen.description}
            </p>
          ) : null}
          {errors.policy ? <p className="field__error">{errors.policy}</p> : null}
          {policies.status === 'error' ? <ProblemMessage problem={policies.problem} /> : null}
        </div>
        <LiveRegion>{action.problem ? <ProblemMessage problem={action.problem} heading="The cycle was not created" /> : null}</LiveRegion>
        <div className="form__actions">
          <SubmitButton busy={action.busy} busyLabel="Creating…">
            Create draft
          </SubmitButton>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
