import { useId, useState } from 'react';
import { castVote, decidePacket, startCommittee, type Packet, type Vote } from '../../api/promotions.ts';
import { useAction } from '../../api/use-action.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { PersonSearch } from '../../components/PersonSearch.tsx';
import { VOTE_LABELS } from './format.ts';

type Update = (p: Packet) => void;

/** The committee: who sits on it, the votes (with names for members and HR), and the forms each role may use. */
export function CommitteePanel({ packet, onChange }: { packet: Packet; onChange: Update }) {
  const { committee, viewer } = packet;
  return (
    <section className="card" aria-labelledby="committee-title" data-testid="committee">
      <h2 className="card__title" id="committee-title">
        Committee
      </h2>
      {committee.members.length ? (
        <p>
          {committee.members.map((m) => `${m.name}${m.mayVote ? '' : ' (presents, does not vote)'}`).join(', ')}. Approving needs {committee.minimumVotes} votes and a {committee.approval}.
        </p>
      ) : committee.memberCount ? (
        <p>A committee of {committee.memberCount} reviewed the case.</p>
      ) : (
        <p className="muted">No committee yet.</p>
      )}
      {committee.memberCount ? (
        <p data-testid="tally">
          {committee.tally.approve} approve · {committee.tally.not_yet} not yet · {committee.tally.abstain} abstain
        </p>
      ) : null}
      {committee.votes.length ? (
        <ul className="responses">
          {committee.votes.map((v, i) => (
            <li className="response" key={i}>
              <p className="response__label">
                {v.name ?? 'A committee member'}
                {v.vote ? ` · ${VOTE_LABELS[v.vote]}` : ''}
              </p>
              <p>{v.feedback || <span className="muted">No written feedback.</span>}</p>
            </li>
          ))}
        </ul>
      ) : null}
      {viewer.canStartCommittee ? <StartCommittee packet={packet} onChange={onChange} /> : null}
      {viewer.canVote ? <VoteForm packet={packet} onChange={onChange} /> : null}
      {viewer.canDecide ? <DecisionForm packet={packet} onChange={onChange} /> : null}
    </section>
  );
}

function StartCommittee({ packet, onChange }: { packet: Packet; onChange: Update }) {
  const action = useAction();
  const [members, setMembers] = useState<{ id: number; name: string }[]>([]);
  return (
    <div className="stack stack--tight" data-testid="start-committee">
      <h3 className="prose__heading">Hand the case to a committee</h3>
      <PersonSearch
        label="Add a committee member"
        hint="People with an account; the candidate's manager may sit on it to present the case."
        actionLabel="Add"
        unavailable={(p) => (p.id === packet.candidate.id ? 'the candidate' : members.some((m) => m.id === p.id) ? 'added' : null)}
        onPick={(p) => setMembers([...members, { id: p.id, name: p.name }])}
      />
      {members.length ? <p>Members: {members.map((m) => m.name).join(', ')}</p> : null}
      <ActionOutcome action={action} heading="The committee was not started" />
      <div>
        <button
          type="button"
          className="button"
          disabled={action.busy || members.length === 0}
          onClick={() => void action.run(async () => onChange(await startCommittee(packet.id, { memberPersonIds: members.map((m) => m.id) })))}
        >
          Start committee review
        </button>
      </div>
    </div>
  );
}

function VoteForm({ packet, onChange }: { packet: Packet; onChange: Update }) {
  const id = useId();
  const action = useAction();
  const [vote, setVote] = useState<Vote>(packet.viewer.myVote?.vote ?? 'approve');
  const [feedback, setFeedback] = useState(packet.viewer.myVote?.feedback ?? '');
  return (
    <form
      className="form"
      data-testid="vote-form"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(async () => {
          onChange(await castVote(packet.id, vote, feedback.trim()));
          return 'Your vote is recorded.';
        });
      }}
    >
      <fieldset className="fieldset">
        <legend>Your vote</legend>
        <div className="checks checks--inline">
          {(Object.keys(VOTE_LABELS) as Vote[]).map((v) => (
            <label className="check check--inline" key={v}>
              <input type="radio" name={`${id}-vote`} checked={vote === v} onChange={() => setVote(v)} />
              <span className="check__text">{VOTE_LABELS[v]}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label className="field__label" htmlFor={`${id}-feedback`}>
        Written feedback
      </label>
      <textarea id={`${id}-feedback`} className="textarea textarea--short" value={feedback} onChange={(e) => setFeedback(e.target.value)} />
      <ActionOutcome action={action} heading="Your vote was not recorded" />
      <div className="form__actions">
        <button type="submit" className="button" disabled={action.busy}>
          Cast vote
        </button>
      </div>
    </form>
  );
}

function DecisionForm({ packet, onChange }: { packet: Packet; onChange: Update }) {
  const id = useId();
  const action = useAction();
  const [feedback, setFeedback] = useState('');
  const decide = (outcome: 'approved' | 'not_approved') =>
    void action.run(async () => {
      onChange(await decidePacket(packet.id, outcome, feedback.trim()));
      return outcome === 'approved' ? 'Approved.' : 'Recorded as not approved.';
    });
  return (
    <div className="stack stack--tight" data-testid="decision-form">
      <h3 className="prose__heading">Decision</h3>
      <label className="field__label" htmlFor={`${id}-feedback`}>
        Feedback for the candidate
      </label>
      <p className="field__hint">What they should do next. Required when the case is not approved.</p>
      <textarea id={`${id}-feedback`} className="textarea textarea--short" value={feedback} onChange={(e) => setFeedback(e.target.value)} />
      <ActionOutcome action={action} heading="No decision was recorded" />
      <div className="form__actions">
        <button type="button" className="button" disabled={action.busy} onClick={() => decide('approved')}>
          Approve promotion
        </button>
        <button type="button" className="button button--secondary" disabled={action.busy} onClick={() => decide('not_approved')}>
          Not this time
        </button>
      </div>
    </div>
  );
}
