import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { isApiError, problemOf, type Problem } from '../../api/client.ts';
import { getTasks, type Cycle, type Tasks } from '../../api/cycles.ts';
import { respondToPeerRequest } from '../../api/feedback.ts';
import { listNotifications, markNotificationsRead } from '../../api/log.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { Avatar } from '../../components/Avatar.tsx';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { announceNotificationsChanged, NotificationList } from '../../components/NotificationList.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { formatDate, orDash, plural } from '../../components/format.ts';
import { CycleFrame } from './CycleFrame.tsx';
import { CountDots } from './CountDots.tsx';
import { DraftBadge } from './DraftBadge.tsx';
import { PhaseTimeline } from './PhaseTimeline.tsx';
import { isOpen, requestStatusLabel } from './cycle-format.ts';

/** My to-do list in one cycle: self review, peers, feedback asked of me, my reports, notifications. */
export function CycleTasksPage() {
  return <CycleFrame title="My tasks">{(cycle) => <TasksBody cycle={cycle} />}</CycleFrame>;
}

function TasksBody({ cycle }: { cycle: Cycle }) {
  const tasks = useResource((signal) => getTasks(cycle.id, signal), `tasks-${cycle.id}`);
  const [status, setStatus] = useState<string | null>(null);
  if (tasks.status === 'error' && isApiError(tasks.error, 403)) {
    return (
      <div className="card">
        <p>You are not taking part in this cycle.</p>
        {cycle.canAdminister ? (
          <p className="card__footer">
            <Link to={`/cycles/${cycle.id}/dashboard`}>Open the cycle dashboard</Link>
          </p>
        ) : null}
      </div>
    );
  }
  if (!tasks.data) return <LiveRegion>{tasks.status === 'error' ? <ProblemMessage problem={tasks.problem} /> : <Loading />}</LiveRegion>;
  const t = tasks.data;
  return (
    <>
      <LiveRegion>
        {status ? <p className="notice notice--success">{status}</p> : null}
        {tasks.status === 'error' ? <ProblemMessage problem={tasks.problem} /> : null}
      </LiveRegion>
      <section className="card" aria-labelledby="phases-title">
        <h2 className="card__title" id="phases-title">
          Phases and deadlines
        </h2>
        <PhaseTimeline phase={t.cycle.phase} deadlines={t.cycle.deadlines} />
      </section>
      <div className="grid grid--two">
        <div className="stack">
          <SelfReviewCard cycle={cycle} tasks={t} />
          <PeersCard cycle={cycle} tasks={t} />
          <FeedbackToWriteCard
            cycle={cycle}
            tasks={t}
            onResponded={(message) => {
              setStatus(message);
              tasks.reload();
            }}
          />
        </div>
        <div className="stack">
          {t.reports.length ? <ReportsCard cycle={cycle} tasks={t} /> : null}
          <CycleNotifications cycle={cycle} />
        </div>
      </div>
    </>
  );
}

function SelfReviewCard({ cycle, tasks }: { cycle: Cycle; tasks: Tasks }) {
  const status = tasks.selfReview.status;
  const open = isOpen('writeSelfReview', tasks.cycle.phase);
  const action = status === 'submitted' || !open ? 'Read your self review' : status === 'draft' ? 'Continue your self review' : 'Write your self review';
  return (
    <section className="card" aria-labelledby="self-title">
      <div className="card__header">
        <h2 className="card__title" id="self-title">
          My self review
        </h2>
        <DraftBadge status={status} />
      </div>
      <p className="muted">
        {status === 'submitted'
          ? 'Submitted. Your manager reads it alongside your peer feedback.'
          : open
            ? 'What you delivered and the Leadership Principles you championed, each with an example. Drafts save as you type.'
            : 'Self reviews are closed for this cycle.'}
      </p>
      <p className="card__footer">
        <Link to={`/cycles/${cycle.id}/self-review`}>{action}</Link>
      </p>
    </section>
  );
}

function PeersCard({ cycle, tasks }: { cycle: Cycle; tasks: Tasks }) {
  const open = isOpen('requestPeers', tasks.cycle.phase);
  const made = tasks.peerRequestsMade;
  const minimum = tasks.recommendedPeers;
  return (
    <section className="card" aria-labelledby="peers-title">
      <h2 className="card__title" id="peers-title">
        Feedback about me
      </h2>
      <div className="count-line">
        <CountDots count={made} target={minimum} label={`${made} of the recommended ${minimum} peers asked`} />
        <p>
          You have asked {plural(made, 'person', 'people')}; at least {minimum} are recommended
          {made >= minimum ? '. ' : ', even early in your career. '}
          {made < minimum && open ? <strong>Ask {minimum - made} more.</strong> : null}
        </p>
      </div>
      <p className="card__footer card__footer--links">
        {open ? <Link to={`/cycles/${cycle.id}/peers`}>Ask for feedback</Link> : <span className="muted">Requests are closed.</span>}
        <Link to={`/cycles/${cycle.id}/feedback`}>Read feedback about me</Link>
      </p>
    </section>
  );
}

function FeedbackToWriteCard({ cycle, tasks, onResponded }: { cycle: Cycle; tasks: Tasks; onResponded: (message: string) => void }) {
  const writable = isOpen('writePeerFeedback', tasks.cycle.phase);
  return (
    <section className="card" aria-labelledby="asked-title">
      <h2 className="card__title" id="asked-title">
        Feedback colleagues asked of me
      </h2>
      {tasks.feedbackToWrite.length === 0 ? (
        <p className="muted">Nobody has asked you for feedback in {cycle.name} yet.</p>
      ) : (
        <ul className="request-list" data-testid="feedback-to-write">
          {tasks.feedbackToWrite.map((r) => (
            <RequestItem key={r.requestId} request={r} writable={writable} onResponded={onResponded} />
          ))}
        </ul>
      )}
      {!writable && tasks.feedbackToWrite.length ? <p className="muted small">Peer feedback is closed in this phase; you can still read what you wrote.</p> : null}
    </section>
  );
}

function RequestItem({ request, writable, onResponded }: { request: Tasks['feedbackToWrite'][number]; writable: boolean; onResponded: (message: string) => void }) {
  const id = useId();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const { busy, problem, run } = useAction();
  const name = request.subject.name;
  const submitted = request.status === 'submitted' || request.feedbackStatus === 'submitted';
  const link = `/feedback/${request.requestId}`;

  async function respond(accept: boolean, event?: FormEvent) {
    event?.preventDefault();
    if (!accept && !reason.trim()) {
      setReasonError('Say briefly why, so they can ask someone else.');
      return;
    }
    await run(
      async () => {
        await respondToPeerRequest(request.requestId, accept ? { accept: true } : { accept: false, reason: reason.trim() });
        onResponded(accept ? `You accepted ${name}’s request.` : `You declined ${name}’s request.`);
      },
      { staysBusy: true },
    );
  }

  return (
    <li className="request-list__item">
      <div className="request-list__who">
        <Avatar name={name} size="sm" />
        <span>
          <span className="person-chip__name">{name}</span>
          <span className="person-chip__meta">{orDash(request.subject.title)}</span>
        </span>
        <span className={`badge badge--request-${request.status}`}>{submitted ? 'Feedback given' : request.feedbackStatus === 'draft' ? 'Draft saved' : requestStatusLabel(request.status)}</span>
      </div>
      {request.status === 'declined' ? null : (
        <div className="request-list__actions">
          {submitted || !writable ? (
            <Link className="button button--secondary button--small" to={link}>
              Read what you wrote<span className="visually-hidden"> about {name}</span>
            </Link>
          ) : (
            <Link className="button button--small" to={link}>
              {request.feedbackStatus === 'draft' ? 'Continue feedback' : 'Write feedback'}
              <span className="visually-hidden"> for {name}</span>
            </Link>
          )}
          {writable && request.status === 'requested' && !declining ? (
            <>
              <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => respond(true)}>
                Accept<span className="visually-hidden"> {name}’s request</span>
              </button>
              <button type="button" className="button button--danger-quiet button--small" disabled={busy} onClick={() => setDeclining(true)}>
                Decline<span className="visually-hidden"> {name}’s request</span>
              </button>
            </>
          ) : null}
        </div>
      )}
      {declining ? (
        <form className="form decline-form" onSubmit={(e) => respond(false, e)} noValidate>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-reason`}>
              Why are you declining {name}’s request?
            </label>
            <p className="field__hint" id={`${id}-hint`}>
              Their manager reads this, so they can ask someone else. For example: “We have not worked together this year.”
            </p>
            <textarea
              id={`${id}-reason`}
              className="input textarea textarea--short"
              value={reason}
              maxLength={500}
              aria-describedby={`${id}-hint${reasonError ? ` ${id}-error` : ''}`}
              aria-invalid={reasonError ? true : undefined}
              onChange={(e) => {
                setReason(e.target.value);
                setReasonError(null);
              }}
            />
            {reasonError ? (
              <p className="field__error" id={`${id}-error`}>
                {reasonError}
              </p>
            ) : null}
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--danger button--small" disabled={busy}>
              Decline request
            </button>
            <button type="button" className="button button--secondary button--small" onClick={() => setDeclining(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      <LiveRegion>{problem ? <ProblemMessage problem={problem} /> : null}</LiveRegion>
    </li>
  );
}

function ReportsCard({ cycle, tasks }: { cycle: Cycle; tasks: Tasks }) {
  const awaiting = tasks.reports.reduce((n, r) => n + r.nominationsAwaitingApproval, 0);
  const phase = tasks.cycle.phase;
  const reviewsNote = isOpen('writeManagerReview', phase)
    ? `Manager reviews are due ${formatDate(tasks.cycle.deadlines['manager_review'])}.`
    : phase === 'draft' || phase === 'self_review'
      ? 'Manager reviews open in the peer feedback phase.'
      : 'Manager reviews are closed.';
  return (
    <section className="card" aria-labelledby="reports-title">
      <h2 className="card__title" id="reports-title">
        My reports
      </h2>
      <p className="muted small">
        {awaiting ? `${plural(awaiting, 'peer nomination awaits', 'peer nominations await')} your approval. ` : ''}
        {reviewsNote}
      </p>
      <ul className="report-list" data-testid="my-reports">
        {tasks.reports.map((r) => (
          <li key={r.person.id} className="report-list__item">
            <Link className="person-cell" to={`/cycles/${cycle.id}/team?person=${r.person.id}`}>
              <Avatar name={r.person.name} size="sm" />
              <span>{r.person.name}</span>
            </Link>
            <span className="report-list__status">
              {r.nominationsAwaitingApproval ? (
                <Link to={`/cycles/${cycle.id}/team?person=${r.person.id}`} className="attention small">
                  {r.nominationsAwaitingApproval} to approve<span className="visually-hidden"> for {r.person.name}</span>
                </Link>
              ) : null}
              <span className="visually-hidden">Manager review: </span>
              <DraftBadge status={r.managerReview} />
            </span>
          </li>
        ))}
      </ul>
      <p className="card__footer">
        <Link to={`/cycles/${cycle.id}/team`}>Open my team’s reviews</Link>
      </p>
    </section>
  );
}

/** The notifications that point into this cycle. */
function CycleNotifications({ cycle }: { cycle: Cycle }) {
  const notifications = useResource((signal) => listNotifications(signal), `notifications-${cycle.id}`);
  const [problem, setProblem] = useState<Problem | null>(null);
  const all = notifications.data?.notifications ?? [];
  const prefix = `/cycles/${cycle.id}`;
  const mine = all.filter((n) => n.link !== null && (n.link === prefix || n.link.startsWith(`${prefix}/`))).slice(0, 8);

  async function markRead(ids: number[]) {
    try {
      await markNotificationsRead(ids);
      notifications.replace({ notifications: all.map((n) => (ids.includes(n.id) ? { ...n, read: true } : n)) });
      announceNotificationsChanged();
    } catch (error) {
      setProblem(problemOf(error));
    }
  }

  return (
    <section className="card card--flush" aria-labelledby="cycle-notifications-title">
      <div className="card__inset">
        <h2 className="card__title" id="cycle-notifications-title">
          Notifications
        </h2>
      </div>
      <LiveRegion>{problem ? <ProblemMessage problem={problem} /> : null}</LiveRegion>
      {notifications.status === 'loading' && !notifications.data ? (
        <div className="card__inset">
          <Loading />
        </div>
      ) : null}
      {notifications.data && mine.length === 0 ? <p className="card__inset muted">Nothing new about {cycle.name}.</p> : null}
      {mine.length ? <NotificationList notifications={mine} onMarkRead={markRead} /> : null}
      <p className="table-note">
        <Link to="/notifications">All notifications</Link>
      </p>
    </section>
  );
}
