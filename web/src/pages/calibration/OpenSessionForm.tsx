import { useEffect, useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { createCalibrationSession, getCalibratorCandidates, type CalibratorCandidates } from '../../api/calibration.ts';
import { problemOf, type Problem } from '../../api/client.ts';
import type { Cycle } from '../../api/cycles.ts';
import type { Person } from '../../api/people.ts';
import { useAction } from '../../api/use-action.ts';
import { Field } from '../../components/Field.tsx';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PersonSearch } from '../../components/PersonSearch.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';

type Blind = 'policy' | 'yes' | 'no';

/**
 * HR opens a session for an organisation: a cycle, the organisation's leader, and who
 * calibrates (the leader and the managers in it are suggested and ticked; the HR partner
 * opening it too). Lands on the new board.
 */
export function OpenSessionForm({ cycles }: { cycles: Cycle[] }) {
  const id = useId();
  const navigate = useNavigate();
  const action = useAction();
  const [cycleId, setCycleId] = useState<number | null>(cycles[0]?.id ?? null);
  const [root, setRoot] = useState<Person | null>(null);
  const [name, setName] = useState('');
  const [nameTouched, setNameTouched] = useState(false);
  const [blind, setBlind] = useState<Blind>('policy');
  const [candidates, setCandidates] = useState<CalibratorCandidates | null>(null);
  const [candidatesProblem, setCandidatesProblem] = useState<Problem | null>(null);
  const [chosen, setChosen] = useState<Set<number>>(new Set());

  useEffect(() => {
    if (cycleId === null || root === null) return;
    const controller = new AbortController();
    setCandidates(null);
    setCandidatesProblem(null);
    getCalibratorCandidates(cycleId, root.id, controller.signal)
      .then((found) => {
        setCandidates(found);
        setChosen(new Set(found.candidates.map((c) => c.accountId)));
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setCandidatesProblem(problemOf(error));
      });
    return () => controller.abort();
  }, [cycleId, root]);

  function pickRoot(person: Person) {
    setRoot(person);
    if (!nameTouched) setName(`${person.name}’s organisation`);
  }

  function toggle(accountId: number, on: boolean) {
    const next = new Set(chosen);
    if (on) next.add(accountId);
    else next.delete(accountId);
    setChosen(next);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (cycleId === null || root === null) return;
    await action.run(async () => {
      const session = await createCalibrationSession({
        cycleId,
        rootPersonId: root.id,
        name: name.trim(),
        calibratorAccountIds: [...chosen],
        ...(blind === 'policy' ? {} : { blind: blind === 'yes' }),
      });
      navigate(`/calibration/${session.id}`);
    });
  }

  if (!cycles.length) {
    return (
      <section className="card" aria-labelledby={`${id}-title`}>
        <h2 className="card__title" id={`${id}-title`}>
          Open a calibration session
        </h2>
        <p className="muted">No cycle is taking rating proposals at the moment.</p>
      </section>
    );
  }
  return (
    <form className="form card" onSubmit={submit} aria-labelledby={`${id}-title`} data-testid="open-session" noValidate>
      <h2 className="card__title" id={`${id}-title`}>
        Open a calibration session
      </h2>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-cycle`}>
          Cycle
        </label>
        <select id={`${id}-cycle`} className="select" value={cycleId ?? ''} onChange={(e) => setCycleId(Number(e.target.value))}>
          {cycles.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      {root ? (
        <p>
          Organisation of <strong>{root.name}</strong>{' '}
          <button type="button" className="button button--ghost button--small" onClick={() => setRoot(null)}>
            Change
          </button>
        </p>
      ) : (
        <PersonSearch label="Organisation" hint="Choose its leader: everyone under them with a submitted proposal joins the session." actionLabel="Choose" onPick={pickRoot} />
      )}
      {root && !candidates && !candidatesProblem ? <Loading label="Finding the organisation’s leaders…" /> : null}
      {candidates ? (
        <fieldset className="fieldset">
          <legend className="field__label">Calibrators</legend>
          <p className="field__hint" data-testid="proposals-ready">
            {candidates.proposalsReady === 1 ? '1 submitted proposal is' : `${candidates.proposalsReady} submitted proposals are`} ready for this session. Nobody votes on their own rating
            or their own reports’ moves.
          </p>
          <div className="checks">
            {candidates.candidates.map((c) => (
              <div className="check" key={c.accountId}>
                <input type="checkbox" id={`${id}-cal-${c.accountId}`} checked={chosen.has(c.accountId)} onChange={(e) => toggle(c.accountId, e.target.checked)} />
                <span className="check__text">
                  <label className="check__label" htmlFor={`${id}-cal-${c.accountId}`}>
                    {c.name}
                  </label>
                  <span className="check__hint">{c.reason}</span>
                </span>
              </div>
            ))}
          </div>
        </fieldset>
      ) : null}
      <Field
        label="Session name"
        value={name}
        maxLength={200}
        onChange={(e) => {
          setName(e.target.value);
          setNameTouched(true);
        }}
      />
      <div className="field">
        <label className="field__label" htmlFor={`${id}-blind`}>
          Blind first pass
        </label>
        <p className="field__hint" id={`${id}-blind-hint`}>
          Without names, managers or alphabetical order until HR reveals them.
        </p>
        <select id={`${id}-blind`} className="select" aria-describedby={`${id}-blind-hint`} value={blind} onChange={(e) => setBlind(e.target.value as Blind)}>
          <option value="policy">As the cycle’s policy says</option>
          <option value="yes">Yes</option>
          <option value="no">No: names from the start</option>
        </select>
      </div>
      <LiveRegion>
        {candidatesProblem ? <ProblemMessage problem={candidatesProblem} /> : null}
        {action.problem ? <ProblemMessage problem={action.problem} /> : null}
      </LiveRegion>
      <div>
        <SubmitButton busy={action.busy} busyLabel="Opening…">
          Open the session
        </SubmitButton>
      </div>
    </form>
  );
}
