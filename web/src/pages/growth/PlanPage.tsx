import { useState, type FormEvent } from 'react';
import { createPlan, listPlans, markPlanDone, type PlanList } from '../../api/growth.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { Field } from '../../components/Field.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageStates.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { formatDate } from '../../components/format.ts';
import { GrowthNav } from './GrowthNav.tsx';
import { usePersonParam } from './person-param.ts';

function WritePlan({ personId, review, onSaved }: { personId: number; review: PlanList['toWrite'][number]; onSaved: () => void }) {
  const [skill, setSkill] = useState('');
  const [behaviour, setBehaviour] = useState('');
  const [outcome, setOutcome] = useState('');
  const action = useAction();
  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    await action.run(async () => {
      await createPlan(personId, { cycleId: review.cycle.id, skill, systemBehaviour: behaviour, measurableOutcome: outcome });
      onSaved();
      return 'Plan saved.';
    });
  }
  return (
    <form className="card form" onSubmit={handleSubmit} aria-label={`Plan for ${review.cycle.name}`}>
      <h2 className="card__title">End {review.cycle.name} with a plan</h2>
      <p className="muted small">Delivered {formatDate(review.deliveredAt)}. One of each, for next quarter.</p>
      <Field label="One skill to build" value={skill} onChange={(e) => setSkill(e.target.value)} maxLength={500} />
      <Field label="One system behaviour to improve" value={behaviour} onChange={(e) => setBehaviour(e.target.value)} maxLength={500} />
      <Field label="One measurable outcome to watch" value={outcome} onChange={(e) => setOutcome(e.target.value)} maxLength={500} />
      <ActionOutcome action={action} heading="The plan was not saved" />
      <div className="form__actions">
        <SubmitButton busy={action.busy} busyLabel="Saving…">
          Save plan
        </SubmitButton>
      </div>
    </form>
  );
}

/** Development plans: every delivered review ends in one, followed up in check-ins. */
export function PlanPage() {
  const { personId, isMe } = usePersonParam();
  const plans = useResource((signal) => (personId === null ? Promise.reject(new Error('This account has no person.')) : listPlans(personId, signal)), `plans-${personId}`);
  if (!plans.data) return <PageLoading title="Development plan" resource={plans} />;
  const data = plans.data;
  return (
    <div className="stack">
      <PageHeader title={isMe ? 'My development plan' : `Development plan: ${data.person.name}`} lead="One skill to build, one system behaviour to improve and one measurable outcome to watch next quarter." />
      <GrowthNav />
      {data.toWrite.map((review) => (
        <WritePlan key={review.cycle.id} personId={personId!} review={review} onSaved={plans.reload} />
      ))}
      {data.plans.length === 0 && data.toWrite.length === 0 ? <p className="card muted">No development plan yet: one is written when a review is delivered.</p> : null}
      {data.plans.map((p) => (
        <section className="card" key={p.id} aria-labelledby={`plan-${p.id}`} data-testid="plan">
          <h2 className="card__title" id={`plan-${p.id}`}>
            Plan for {p.quarter} <span className="badge">{p.status === 'open' ? 'Open' : 'Done'}</span>
          </h2>
          <p className="growth-meta">
            Ends the review {p.review.cycle.name}
            {p.review.forteSummary ? ` (Forte summary: ${p.review.forteSummary})` : ''}
          </p>
          <dl className="details">
            <div className="details__row">
              <dt>Skill to build</dt>
              <dd>{p.skill}</dd>
            </div>
            <div className="details__row">
              <dt>System behaviour to improve</dt>
              <dd>{p.systemBehaviour}</dd>
            </div>
            <div className="details__row">
              <dt>Outcome to watch</dt>
              <dd>{p.measurableOutcome}</dd>
            </div>
          </dl>
          <h3>Follow-ups in check-ins</h3>
          {p.followUps.length === 0 ? <p className="muted">None yet: the next check-in’s agenda carries the plan.</p> : null}
          <ul className="growth-list" data-testid="plan-follow-ups">
            {p.followUps.map((f) => (
              <li key={f.checkInId}>
                <span className="growth-meta">{formatDate(f.heldOn)}</span> {f.note}
              </li>
            ))}
          </ul>
          {p.canEdit && p.status === 'open' ? (
            <button type="button" className="button button--secondary" onClick={() => void markPlanDone(p.id, p.version).finally(() => plans.reload())}>
              Mark done
            </button>
          ) : null}
        </section>
      ))}
    </div>
  );
}
