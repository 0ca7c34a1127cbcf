import { Link } from 'react-router-dom';
import { isApiError } from '../../api/client.ts';
import type { Cycle } from '../../api/cycles.ts';
import { getManagerReview, getReceivedFeedback, receivedFeedbackCsvUrl, type ReceivedFeedback } from '../../api/feedback.ts';
import { useResource } from '../../api/use-resource.ts';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { plural } from '../../components/format.ts';
import { useMe } from '../../components/me-context.ts';
import { CycleFrame } from './CycleFrame.tsx';
import { FeedbackResponses } from './FeedbackResponse.tsx';
import { ManagerReviewView } from './ManagerReviewView.tsx';

/** Peer feedback about me, without authors, once the policy releases it; and my manager's review at delivery. */
export function ReceivedFeedbackPage() {
  return <CycleFrame title="My feedback">{(cycle) => <ReceivedBody cycle={cycle} />}</CycleFrame>;
}

function ReceivedBody({ cycle }: { cycle: Cycle }) {
  const received = useResource((signal) => getReceivedFeedback(cycle.id, signal), `received-${cycle.id}`);
  if (received.status === 'error' && isApiError(received.error, 403)) return <p className="card">{received.problem.detail}</p>;
  if (!received.data) return <LiveRegion>{received.status === 'error' ? <ProblemMessage problem={received.problem} /> : <Loading />}</LiveRegion>;
  const r = received.data;
  return (
    <>
      {r.released ? (
        <Released cycle={cycle} received={r} />
      ) : (
        <section className="card empty" aria-labelledby="not-yet" data-testid="feedback-not-released">
          <p className="empty__title" id="not-yet">
            Not shared with you yet
          </p>
          <p className="muted">{r.reason}</p>
        </section>
      )}
      <MyManagerReview cycle={cycle} />
    </>
  );
}

function Released({ cycle, received }: { cycle: Cycle; received: ReceivedFeedback }) {
  const count = received.responses.length;
  return (
    <>
      <section className="card" aria-labelledby="received-summary">
        <div className="card__header">
          <h2 className="card__title" id="received-summary">
            {plural(count, 'response', 'responses')} from your peers
          </h2>
          {count ? (
            <a className="button button--secondary button--small" href={receivedFeedbackCsvUrl(cycle.id)} download="feedback.csv">
              Download CSV
            </a>
          ) : null}
        </div>
        <p className="muted">
          Names are removed and the order says nothing about who wrote what or when. Writing style can still hint at an author: read for the
          behaviour described, not for who said it.
        </p>
        {received.principles ? <AggregatedPrinciples principles={received.principles} /> : null}
      </section>
      {count === 0 ? <p className="card muted">No peer feedback was submitted about you in this cycle.</p> : null}
      <FeedbackResponses responses={received.responses} label="Peer feedback responses" author={(_, i) => <span className="muted small">Response {i + 1}</span>} />
    </>
  );
}

function AggregatedPrinciples({ principles }: { principles: NonNullable<ReceivedFeedback['principles']> }) {
  return (
    <div className="grid grid--halves aggregate">
      {(
        [
          ['Leadership Principles championed', principles.championed, 'championed'],
          ['Leadership Principles to improve', principles.toImprove, 'improve'],
        ] as const
      ).map(([title, list, kind]) => (
        <div key={kind}>
          <h3 className="prose__heading">{title}</h3>
          {list.length ? (
            <ul className="tally">
              {list.map((p) => (
                <li key={p.principle}>
                  <span className={`lp lp--${kind}`}>{p.principle}</span> <span className="tally__count">{plural(p.count, 'response', 'responses')}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted small">None ticked.</p>
          )}
        </div>
      ))}
    </div>
  );
}

function MyManagerReview({ cycle }: { cycle: Cycle }) {
  const { me } = useMe();
  const personId = me.personId;
  const review = useResource(
    (signal) => (personId === null ? Promise.resolve(null) : getManagerReview(cycle.id, personId, signal)),
    `my-manager-review-${cycle.id}`,
  );
  if (!review.data) return review.status === 'error' ? <ProblemMessage problem={review.problem} /> : null;
  const r = review.data;
  return (
    <section className="card" aria-labelledby="my-review-title">
      <h2 className="card__title" id="my-review-title">
        Your manager’s review
      </h2>
      {r.status === 'submitted' ? <ManagerReviewView review={r} /> : <p className="muted">Your manager’s review is shared with you when reviews are delivered.</p>}
      <p className="card__footer">
        <Link to={`/cycles/${cycle.id}/tasks`}>Back to my tasks</Link>
      </p>
    </section>
  );
}
