import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { Cycle } from '../../api/cycles.ts';
import { approveNominations, getFeedbackAbout, getManagerReview, getSelfReviewOf, listPeerRequests, requestPeers, withdrawPeerRequest } from '../../api/feedback.ts';
import type { Person } from '../../api/people.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { Avatar } from '../../components/Avatar.tsx';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PersonSearch } from '../../components/PersonSearch.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { formatDate, orDash, plural } from '../../components/format.ts';
import { DraftBadge } from './DraftBadge.tsx';
import { FeedbackLogPanel } from './FeedbackLogPanel.tsx';
import { FeedbackResponses } from './FeedbackResponse.tsx';
import { ManagerReviewEditor } from './ManagerReviewEditor.tsx';
import { ManagerReviewView } from './ManagerReviewView.tsx';
import { PeerRequestTable } from './PeerRequestTable.tsx';
import { SelfReviewView } from './SelfReviewView.tsx';
import { isOpen } from './cycle-format.ts';
import { nameReviewers } from './peer-problems.ts';

interface ReportPanelProps {
  cycle: Cycle;
  personId: number;
  name: string;
  /** Managers approve, request and write; HR reads. The server checks both again. */
  mode: 'manager' | 'hr';
  onChanged?: () => void;
}

/** Everything about one person in a cycle for the people who oversee them. */
export function ReportPanel({ cycle, personId, name, mode, onChanged }: ReportPanelProps) {
  return (
    <div className="stack">
      <PeerRequestsSection cycle={cycle} personId={personId} name={name} mode={mode} onChanged={onChanged} />
      <FeedbackAboutSection cycle={cycle} personId={personId} name={name} />
      <SelfReviewSection cycle={cycle} personId={personId} name={name} />
      <ManagerReviewSection cycle={cycle} personId={personId} name={name} mode={mode} onChanged={onChanged} />
      <FeedbackLogPanel personId={personId} name={name} canWrite={mode === 'manager'} />
    </div>
  );
}

interface SelectedReportProps extends ReportPanelProps {
  titleId: string;
  /** Beside the name: a way onwards or out. */
  link: ReactNode;
}

/** The report about the person chosen in a table, headed by their name, which takes focus when they are chosen. */
export function SelectedReport({ titleId, link, ...panel }: SelectedReportProps) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), [panel.personId]);
  return (
    <section className="report" aria-labelledby={titleId}>
      <div className="report__header">
        <h2 className="report__title" id={titleId} tabIndex={-1} ref={ref}>
          {panel.name}
        </h2>
        {link}
      </div>
      <ReportPanel {...panel} />
    </section>
  );
}

function PeerRequestsSection({ cycle, personId, name, mode, onChanged }: ReportPanelProps) {
  const id = useId();
  const requests = useResource((signal) => listPeerRequests(cycle.id, personId, signal), `requests-${cycle.id}-${personId}`);
  const action = useAction();
  const busy = action.busy;
  const open = isOpen('requestPeers', cycle.phase) && mode === 'manager';
  const list = requests.data?.requests ?? [];
  const nominated = list.filter((r) => r.status === 'nominated');
  const asked = new Set(list.filter((r) => r.status !== 'declined').map((r) => r.reviewer.id));

  function act(send: () => Promise<unknown>, message: string, asked: { id: number; name: string }[] = []) {
    return action.run(
      async () => {
        await send();
        requests.reload();
        onChanged?.();
        return message;
      },
      { explain: (problem) => nameReviewers(problem, asked) },
    );
  }

  return (
    <section className="card card--flush" aria-labelledby={`${id}-title`}>
      <div className="card__inset">
        <div className="card__header">
          <h3 className="card__title" id={`${id}-title`}>
            Peer requests
          </h3>
          {open && nominated.length ? (
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              onClick={() => act(() => approveNominations(cycle.id, { subjectId: personId }), `Approved ${plural(nominated.length, 'nomination', 'nominations')}: each colleague has been asked for feedback about ${name}.`)}
            >
              Approve all {nominated.length}
              <span className="visually-hidden"> nominations for {name}</span>
            </button>
          ) : null}
        </div>
        <p className="muted small">
          {requests.data
            ? `${plural(list.length, 'request', 'requests')}, ${plural(requests.data.responses ?? 0, 'response', 'responses')} so far. ${nominated.length ? `${nominated.length} nominated by ${name} wait for your approval.` : ''}`
            : 'Whom they nominated, and whom you asked.'}
        </p>
      </div>
      <ActionOutcome action={action} resource={requests} className="card__notice" />
      {requests.status === 'loading' && !requests.data ? (
        <div className="card__inset">
          <Loading />
        </div>
      ) : null}
      {list.length ? (
        <PeerRequestTable
          requests={list}
          caption={`Peer requests about ${name}`}
          testId="report-requests"
          declineReasons
          actions={(r) => (
            <>
              {open && r.status === 'nominated' ? (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={busy}
                  onClick={() => act(() => approveNominations(cycle.id, { subjectId: personId, reviewerIds: [r.reviewer.id] }), `Asked ${r.reviewer.name} for feedback about ${name}.`)}
                >
                  Approve<span className="visually-hidden"> {r.reviewer.name}</span>
                </button>
              ) : null}
              {open && r.status !== 'submitted' && r.status !== 'declined' ? (
                <button type="button" className="button button--danger-quiet button--small" disabled={busy} onClick={() => act(() => withdrawPeerRequest(r.id), `Withdrew the request to ${r.reviewer.name}.`)}>
                  Withdraw<span className="visually-hidden"> the request to {r.reviewer.name}</span>
                </button>
              ) : null}
            </>
          )}
        />
      ) : requests.data ? (
        <p className="card__inset muted">Nobody has been asked about {name} yet.</p>
      ) : null}
      {open ? (
        <div className="card__inset">
          <PersonSearch
            label={`Ask someone for feedback about ${name}`}
            hint={`They are asked at once. ${name} sees only how many people you asked, not whom.`}
            actionLabel="Ask"
            unavailable={(p: Person) => (p.id === personId ? 'The person themselves' : asked.has(p.id) ? 'Already asked' : null)}
            onPick={(p: Person) => act(() => requestPeers(cycle.id, { subjectId: personId, reviewerIds: [p.id] }), `Asked ${p.name} for feedback about ${name}.`, [p])}
          />
        </div>
      ) : null}
    </section>
  );
}

function FeedbackAboutSection({ cycle, personId, name }: { cycle: Cycle; personId: number; name: string }) {
  const id = useId();
  const feedback = useResource((signal) => getFeedbackAbout(cycle.id, personId, signal), `about-${cycle.id}-${personId}`);
  const data = feedback.data;
  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="feedback-about">
      <h3 className="card__title" id={`${id}-title`}>
        Peer feedback about {name}
      </h3>
      <LiveRegion>{feedback.status === 'error' ? <ProblemMessage problem={feedback.problem} /> : null}</LiveRegion>
      {feedback.status === 'loading' && !data ? <Loading /> : null}
      {data ? (
        <>
          <p className="muted small">
            {plural(data.responses.length, 'submitted response', 'submitted responses')}.{' '}
            {data.authorsShown ? `You see who wrote each; ${name} reads them without names.` : 'Authors are not shown to you under this cycle’s policy.'} Drafts
            are never shown.
          </p>
          {data.responses.length ? (
            <FeedbackResponses
              responses={data.responses}
              author={(r) =>
                r.author ? (
                  <span className="person-chip">
                    <Avatar name={r.author.name} size="sm" />
                    <span>
                      <span className="person-chip__name" data-testid="feedback-author">
                        {r.author.name}
                      </span>
                      <span className="person-chip__meta">
                        {orDash(r.author.title)}
                        {r.submittedAt ? ` · submitted ${formatDate(r.submittedAt)}` : ''}
                      </span>
                    </span>
                  </span>
                ) : undefined
              }
            />
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function SelfReviewSection({ cycle, personId, name }: { cycle: Cycle; personId: number; name: string }) {
  const id = useId();
  const review = useResource((signal) => getSelfReviewOf(cycle.id, personId, signal), `self-of-${cycle.id}-${personId}`);
  const r = review.data;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <div className="card__header">
        <h3 className="card__title" id={`${id}-title`}>
          {name}’s self review
        </h3>
        {r ? <DraftBadge status={r.status} /> : null}
      </div>
      <LiveRegion>{review.status === 'error' ? <ProblemMessage problem={review.problem} /> : null}</LiveRegion>
      {review.status === 'loading' && !r ? <Loading /> : null}
      {/* A draft is still its author's: only the submitted text is shown. */}
      {r && r.status === 'submitted' ? <SelfReviewView review={r} /> : null}
      {r && r.status !== 'submitted' ? <p className="muted">Not submitted yet. You read it once {name} submits it.</p> : null}
    </section>
  );
}

function ManagerReviewSection({ cycle, personId, name, mode, onChanged }: ReportPanelProps) {
  const id = useId();
  const review = useResource((signal) => getManagerReview(cycle.id, personId, signal), `manager-review-${cycle.id}-${personId}`);
  const r = review.data;
  const editable = mode === 'manager' && r !== undefined && r.status !== 'submitted' && isOpen('writeManagerReview', cycle.phase);
  return (
    <section className="card card--form" aria-labelledby={`${id}-title`} data-testid="manager-review">
      <div className="card__header">
        <h3 className="card__title" id={`${id}-title`}>
          Manager review
        </h3>
        {r ? <DraftBadge status={r.status} /> : null}
      </div>
      <LiveRegion>{review.status === 'error' ? <ProblemMessage problem={review.problem} /> : null}</LiveRegion>
      {review.status === 'loading' && !r ? <Loading /> : null}
      {r && editable && cycle.questions ? (
        <ManagerReviewEditor
          cycle={cycle}
          personId={personId}
          name={name}
          review={r}
          readers={cycle.questions.manager.readers}
          onSaved={review.replace}
          onSubmitted={(saved) => {
            review.replace(saved);
            onChanged?.();
          }}
        />
      ) : null}
      {r && !editable ? (
        <>
          {r.status !== 'submitted' ? (
            <p className="muted">
              {isOpen('writeManagerReview', cycle.phase) || mode === 'hr'
                ? 'Not submitted yet.'
                : cycle.phase === 'self_review'
                  ? 'Manager reviews open in the peer feedback phase.'
                  : 'Manager reviews are closed for this cycle.'}
            </p>
          ) : (
            <p className="notice notice--success">Submitted{r.submittedAt ? ` on ${formatDate(r.submittedAt)}` : ''}. {name} reads it at delivery.</p>
          )}
          {r.status === 'submitted' || (mode === 'manager' && (r.narrative || r.strengths)) ? <ManagerReviewView review={r} /> : null}
        </>
      ) : null}
    </section>
  );
}
