import { useState } from 'react';
import { answerPulse, getPulseResults, listPulses, type Pulse } from '../../api/growth.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageStates.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { formatDate } from '../../components/format.ts';
import { GrowthNav } from './GrowthNav.tsx';

function AnswerForm({ pulse, onDone }: { pulse: Pulse; onDone: () => void }) {
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const action = useAction();
  return (
    <form
      className="form"
      aria-label={`Answer ${pulse.title}`}
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(async () => {
          await answerPulse(pulse.id, answers);
          onDone();
          return 'Thank you: your answer is counted, without your name.';
        });
      }}
    >
      {pulse.questions.map((q) => (
        <fieldset className="fieldset" key={q.key}>
          <legend>{q.text}</legend>
          <div className="scale-choice">
            {Array.from({ length: q.scale.max - q.scale.min + 1 }, (_, i) => q.scale.min + i).map((v) => (
              <label className="check" key={v}>
                <input type="radio" name={`${pulse.id}-${q.key}`} checked={answers[q.key] === v} onChange={() => setAnswers({ ...answers, [q.key]: v })} />
                <span className="check__text">{v === q.scale.min ? `${v} ${q.scale.minLabel}` : v === q.scale.max ? `${v} ${q.scale.maxLabel}` : v}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <ActionOutcome action={action} heading="The answer was not taken" />
      <button type="submit" className="button" disabled={action.busy}>
        Send anonymously
      </button>
    </form>
  );
}

function Results({ pulse }: { pulse: Pulse }) {
  const results = useResource((signal) => getPulseResults(pulse.id, signal), `pulse-results-${pulse.id}`);
  if (results.status === 'error') return <ProblemMessage problem={results.problem} />;
  if (!results.data) return null;
  const r = results.data;
  const label = (key: string) => r.questions.find((q) => q.key === key)?.text ?? key;
  return (
    <div data-testid="pulse-results" className="growth-scroll">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Question</th>
            {r.teams.map((t) => (
              <th scope="col" key={t.team.id}>
                {t.team.name} ({t.respondents})
              </th>
            ))}
            {r.total ? <th scope="col">All teams ({r.total.respondents})</th> : null}
          </tr>
        </thead>
        <tbody>
          {r.questions.map((q) => (
            <tr key={q.key}>
              <td>{label(q.key)}</td>
              {r.teams.map((t) => (
                <td key={t.team.id}>{t.questions.find((x) => x.key === q.key)?.mean?.toFixed(1) ?? '—'}</td>
              ))}
              {r.total ? <td>{r.total.questions.find((x) => x.key === q.key)?.mean?.toFixed(1) ?? '—'}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
      {r.suppressedTeams.length ? (
        <p className="muted small">
          Not shown, to keep answers anonymous (fewer than {r.pulse.minGroupSize} answered, or showing them would let a small group be worked out): {r.suppressedTeams.map((t) => t.name).join(', ')}.
        </p>
      ) : null}
    </div>
  );
}

/** Team health: pulses to answer anonymously, and results once they close, small groups suppressed. */
export function TeamHealthPage() {
  const pulses = useResource((signal) => listPulses(signal), 'pulses');
  if (!pulses.data) return <PageLoading title="Team health" resource={pulses} />;
  return (
    <div className="stack">
      <PageHeader title="Team health" lead="Short pulses per team. Answers are counted, never stored with a name; results appear after a pulse closes, and only for groups large enough to keep everyone anonymous." />
      <GrowthNav />
      {pulses.data.pulses.length === 0 ? <p className="card muted">No pulses for you yet.</p> : null}
      {pulses.data.pulses.map((p) => (
        <section className="card" key={p.id} aria-labelledby={`pulse-${p.id}`}>
          <h2 className="card__title" id={`pulse-${p.id}`}>
            {p.title}
          </h2>
          <p className="growth-meta">
            {p.teams.map((t) => t.name).join(', ')} · {p.open ? `open until ${formatDate(p.closesOn)}` : `closed ${formatDate(p.closesOn)}`} · minimum group {p.minGroupSize}
          </p>
          {p.canAnswer ? <AnswerForm pulse={p} onDone={pulses.reload} /> : null}
          {p.answered ? <p className="notice notice--success">You have answered this pulse.</p> : null}
          {p.canReadResults && !p.open ? <Results pulse={p} /> : null}
          {p.canReadResults && p.open ? <p className="muted small">Results appear when the pulse closes, so no answer can be read by difference as it arrives.</p> : null}
        </section>
      ))}
    </div>
  );
}
