import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { isApiError } from '../../api/client.ts';
import type { Cycle, CycleQuestions } from '../../api/cycles.ts';
import { listPeerRequests, requestPeers, withdrawPeerRequest, type PeerRequestList } from '../../api/feedback.ts';
import { getPerson, listPeople, type Person } from '../../api/people.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { Avatar } from '../../components/Avatar.tsx';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PersonPickList, PersonSearch } from '../../components/PersonSearch.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { orDash, plural } from '../../components/format.ts';
import { useMe } from '../../components/me-context.ts';
import { CountDots } from './CountDots.tsx';
import { CycleFrame } from './CycleFrame.tsx';
import { PeerRequestTable } from './PeerRequestTable.tsx';
import { isOpen } from './cycle-format.ts';
import { nameReviewers } from './peer-problems.ts';

const OPEN_STATUSES = new Set(['nominated', 'requested', 'accepted', 'submitted']);
const TEAM_LIMIT = 60;

/** Choose colleagues to ask for feedback about me; my manager approves before they are asked. */
export function RequestPeersPage() {
  return <CycleFrame title="Ask for feedback">{(cycle) => <PeersLoader cycle={cycle} />}</CycleFrame>;
}

function PeersLoader({ cycle }: { cycle: Cycle }) {
  const { me } = useMe();
  const requests = useResource((signal) => listPeerRequests(cycle.id, undefined, signal), `peer-requests-${cycle.id}`);
  if (me.personId === null) return <p className="card">This account is not linked to a person in the directory, so nobody can give feedback about it.</p>;
  if (requests.status === 'error' && isApiError(requests.error, 404)) return <p className="card">You are not taking part in this cycle.</p>;
  if (!requests.data || !cycle.questions) return <LiveRegion>{requests.status === 'error' ? <ProblemMessage problem={requests.problem} /> : <Loading />}</LiveRegion>;
  return <PeersBody cycle={cycle} questions={cycle.questions} personId={me.personId} requests={requests.data} onChanged={requests.replace} reload={requests.reload} />;
}

interface PeersBodyProps {
  cycle: Cycle;
  questions: CycleQuestions;
  personId: number;
  requests: PeerRequestList;
  onChanged: (list: PeerRequestList) => void;
  reload: () => void;
}

function PeersBody({ cycle, questions, personId, requests, onChanged, reload }: PeersBodyProps) {
  const id = useId();
  const [selected, setSelected] = useState<Person[]>([]);
  const action = useAction();
  const open = isOpen('requestPeers', cycle.phase);
  const { cap, recommendedMinimum } = questions.peer;

  const active = requests.requests.filter((r) => OPEN_STATUSES.has(r.status));
  const asked = active.length + requests.askedByManager;
  const room = cap - asked - selected.length;
  const alreadyAsked = new Set(active.map((r) => r.reviewer.id));

  function unavailable(p: Person): string | null {
    if (p.id === personId) return 'You';
    if (alreadyAsked.has(p.id)) return 'Already asked';
    if (selected.some((s) => s.id === p.id)) return 'Selected';
    if (room <= 0) return `Limit of ${cap} reached`;
    return null;
  }

  function add(p: Person) {
    if (unavailable(p)) return;
    action.setStatus(null);
    setSelected((s) => [...s, p]);
  }

  function send() {
    return action.run(
      async () => {
        const list = await requestPeers(cycle.id, { reviewerIds: selected.map((s) => s.id) });
        onChanged(list);
        setSelected([]);
        return `Sent ${plural(selected.length, 'nomination', 'nominations')} to your manager. Once they approve, each colleague is asked for feedback.`;
      },
      { explain: (problem) => nameReviewers(problem, selected) },
    );
  }

  function withdraw(requestId: number, name: string) {
    return action.run(
      async () => {
        await withdrawPeerRequest(requestId);
        reload();
        return `Withdrew your nomination of ${name}.`;
      },
      { busy: false },
    );
  }

  return (
    <>
      <section className="card" aria-labelledby={`${id}-count`}>
        <h2 className="card__title" id={`${id}-count`}>
          How many to ask
        </h2>
        <div className="count-line">
          <CountDots count={asked} target={recommendedMinimum} label={`${asked} of the recommended ${recommendedMinimum} asked`} />
          <p>
            <strong>{asked}</strong> asked so far. Ask at least <strong>{recommendedMinimum}</strong> colleagues who saw your work this year, even early in
            your career; up to {cap} open requests are allowed.
            {requests.askedByManager ? ` Your manager also asked ${plural(requests.askedByManager, 'person', 'people')} (you do not see whom).` : ''}
          </p>
        </div>
      </section>
      <ActionOutcome action={action} heading="Nothing was sent" />
      {open ? (
        <div className="grid grid--two">
          <div className="stack">
            <TeamSuggestions personId={personId} unavailable={unavailable} onPick={add} />
            <section className="card" aria-labelledby={`${id}-search`}>
              <h2 className="card__title" id={`${id}-search`}>
                Anyone else
              </h2>
              <PersonSearch label="Search the directory" hint="Colleagues from other teams who worked with you and take part in this cycle." actionLabel="Add" onPick={add} unavailable={unavailable} />
            </section>
          </div>
          <section className="card card--form" aria-labelledby={`${id}-selected`}>
            <h2 className="card__title" id={`${id}-selected`}>
              Selected ({selected.length})
            </h2>
            {selected.length === 0 ? (
              <p className="muted">Add colleagues from your team or the directory.</p>
            ) : (
              <ul className="people-list" data-testid="selected-peers">
                {selected.map((p) => (
                  <li key={p.id} className="people-list__row">
                    <span className="person-chip">
                      <Avatar name={p.name} size="sm" />
                      <span>
                        <span className="person-chip__name">{p.name}</span>
                        <span className="person-chip__meta">{orDash(p.title)}</span>
                      </span>
                    </span>
                    <button type="button" className="button button--ghost button--small" onClick={() => setSelected((s) => s.filter((x) => x.id !== p.id))}>
                      Remove<span className="visually-hidden"> {p.name}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <p className="muted small">Your manager approves your nominations before anyone is asked.</p>
            <div className="form__actions">
              <button type="button" className="button" disabled={action.busy || selected.length === 0} onClick={send}>
                {action.busy ? 'Sending…' : selected.length ? `Send ${plural(selected.length, 'nomination', 'nominations')}` : 'Send nominations'}
              </button>
            </div>
          </section>
        </div>
      ) : (
        <p className="notice notice--info">Peer requests are closed in this phase.</p>
      )}
      <section className="card card--flush" aria-labelledby={`${id}-current`}>
        <div className="card__inset">
          <h2 className="card__title" id={`${id}-current`}>
            Whom you asked
          </h2>
          <p className="muted small">You see whom you asked, never who has answered: feedback reaches you without names.</p>
        </div>
        {requests.requests.length === 0 ? (
          <p className="card__inset muted">Nobody yet.</p>
        ) : (
          <PeerRequestTable
            requests={requests.requests}
            caption="Colleagues you asked for feedback"
            testId="current-requests"
            actions={(r) =>
              r.status === 'nominated' && open ? (
                <button type="button" className="button button--danger-quiet button--small" onClick={() => withdraw(r.id, r.reviewer.name)}>
                  Withdraw<span className="visually-hidden"> {r.reviewer.name}</span>
                </button>
              ) : null
            }
          />
        )}
      </section>
      <p>
        <Link to={`/cycles/${cycle.id}/tasks`}>Back to my tasks</Link>
      </p>
    </>
  );
}

/** People who share my manager: the colleagues most likely to have seen my work. */
function TeamSuggestions({ personId, unavailable, onPick }: { personId: number; unavailable: (p: Person) => string | null; onPick: (p: Person) => void }) {
  const id = useId();
  const team = useResource(async (signal) => {
    const me = await getPerson(personId, signal);
    return me.manager ? listPeople({ managerId: me.manager.id, limit: TEAM_LIMIT }, signal) : null;
  }, `team-suggestions-${personId}`);
  const people = (team.data?.people ?? []).filter((p) => p.id !== personId);
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 className="card__title" id={`${id}-title`}>
        From your team
      </h2>
      {team.status === 'loading' ? <Loading /> : null}
      {team.status === 'error' ? <ProblemMessage problem={team.problem} /> : null}
      {team.status === 'ready' && people.length === 0 ? <p className="muted">Nobody else reports to your manager.</p> : null}
      {people.length ? (
        <PersonPickList people={people} actionLabel="Add" unavailable={unavailable} onPick={onPick} label="People who share your manager" testId="team-suggestions" />
      ) : null}
    </section>
  );
}
