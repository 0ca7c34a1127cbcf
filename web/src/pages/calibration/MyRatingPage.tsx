import { getMyRating, type MyRating } from '../../api/calibration.ts';
import type { Cycle } from '../../api/cycles.ts';
import { isApiError } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { formatDate } from '../../components/format.ts';
import { CycleFrame } from '../cycles/CycleFrame.tsx';
import { OV_NAMES } from './calibration-format.ts';

/**
 * `/cycles/:id/my-rating`: my delivered rating, exactly as much as the cycle's policy shows. The
 * server leaves out (null) whatever the policy withholds, and this page shows only what came: it
 * never hides a field it was sent, and has nothing to hide.
 */
export function MyRatingPage() {
  return <CycleFrame title="My rating">{(cycle) => <MyRatingLoader cycle={cycle} />}</CycleFrame>;
}

function MyRatingLoader({ cycle }: { cycle: Cycle }) {
  const rating = useResource((signal) => getMyRating(cycle.id, signal), `my-rating-${cycle.id}`);
  if (rating.status === 'error' && isApiError(rating.error, 403)) return <p className="card">{rating.problem.detail}</p>;
  if (!rating.data) return <LiveRegion>{rating.status === 'error' ? <ProblemMessage problem={rating.problem} /> : <Loading />}</LiveRegion>;
  return <MyRatingView rating={rating.data} />;
}

const AXIS_NAMES: Record<string, string> = { performance: 'Job performance', potential: 'Potential', leadershipPrinciples: 'Leadership Principles' };

// Evidence dimension keys as words: "systemImpact" reads "System impact".
const words = (key: string) => key.replace(/([a-z])([A-Z])/gu, '$1 $2').replace(/^./u, (c) => c.toUpperCase()).replace(/ [A-Z]/gu, (c) => c.toLowerCase());

function MyRatingView({ rating }: { rating: MyRating }) {
  if (!rating.delivered) {
    return (
      <p className="card" data-testid="not-delivered">
        Your rating for {rating.cycle.name} has not been delivered yet. You will get a notification when it is.
      </p>
    );
  }
  const list = (items: readonly string[]) => (
    <ul className="bullets">
      {items.map((i) => (
        <li key={i}>{i}</li>
      ))}
    </ul>
  );
  return (
    <div className="stack my-rating" data-testid="my-rating">
      <section className="card my-rating__summary" aria-labelledby="summary-title">
        <h2 className="card__title" id="summary-title">
          Your {rating.cycle.name} rating
        </h2>
        {rating.forteSummary !== null ? (
          <p className="my-rating__forte" data-testid="forte-summary">
            {rating.forteSummary}
          </p>
        ) : null}
        {rating.ov !== null ? (
          <p data-testid="ov">
            Overall value: <span className={`ov ov--${rating.ov}`}>{rating.ov}</span> {OV_NAMES[rating.ov]}
          </p>
        ) : null}
        {rating.performance !== null || rating.potential !== null ? (
          <dl className="details" data-testid="axis-ratings">
            {rating.performance !== null ? (
              <div className="details__row">
                <dt>Job performance</dt>
                <dd>
                  {rating.performance.value} · {rating.performance.label}
                </dd>
              </div>
            ) : null}
            {rating.potential !== null ? (
              <div className="details__row">
                <dt>Potential</dt>
                <dd>
                  {rating.potential.value} · {rating.potential.label}
                </dd>
              </div>
            ) : null}
          </dl>
        ) : null}
        {rating.policyVersion !== null ? (
          <p className="muted small" data-testid="policy-version">
            Rated under the {rating.policyVersion.key} policy, version {rating.policyVersion.version}.
          </p>
        ) : null}
      </section>
      {rating.moves !== null ? (
        <section className="card" aria-labelledby="moves-title" data-testid="moves">
          <h2 className="card__title" id="moves-title">
            How calibration changed your rating
          </h2>
          {rating.moves.length === 0 ? (
            <p>Calibration kept the rating your manager proposed.</p>
          ) : (
            <ol className="bullets">
              {rating.moves.map((m) => (
                <li key={m.at}>
                  {formatDate(m.at)}: from {m.from} to {m.to}. Why: {m.rationale}
                  {m.evidenceToChangeMind ? ` What evidence would change the decision: ${m.evidenceToChangeMind}` : ''}
                </li>
              ))}
            </ol>
          )}
        </section>
      ) : null}
      {rating.evidence !== null ? (
        <section className="card" aria-labelledby="evidence-title" data-testid="evidence">
          <h2 className="card__title" id="evidence-title">
            The evidence cited
          </h2>
          {Object.entries(rating.evidence.byDimension).map(([key, items]) => (
            <div key={key}>
              <h3 className="prose__heading">{words(key)}</h3>
              {list(items)}
            </div>
          ))}
          {rating.evidence.impactExamples.length ? (
            <>
              <h3 className="prose__heading">Impact examples</h3>
              {list(rating.evidence.impactExamples)}
            </>
          ) : null}
          {rating.evidence.peerFeedbackThemes ? (
            <>
              <h3 className="prose__heading">Themes from peer feedback</h3>
              <p>{rating.evidence.peerFeedbackThemes}</p>
            </>
          ) : null}
          {rating.evidence.systemMetrics.length ? (
            <>
              <h3 className="prose__heading">System metrics (context, not a score)</h3>
              {list(rating.evidence.systemMetrics)}
            </>
          ) : null}
          {rating.evidence.multiplierImpact ? (
            <>
              <h3 className="prose__heading">Multiplier impact</h3>
              <p>{rating.evidence.multiplierImpact}</p>
            </>
          ) : null}
        </section>
      ) : null}
      {rating.rubric !== null ? (
        <section className="card" aria-labelledby="rubric-title" data-testid="rubric">
          <h2 className="card__title" id="rubric-title">
            The rubric
          </h2>
          {rating.rubric.map((axis) => (
            <div key={axis.axis}>
              <h3 className="prose__heading">{AXIS_NAMES[axis.axis] ?? axis.axis}</h3>
              <ul className="rubric">
                {[...axis.levels].reverse().map((l) => {
                  const mine = (axis.axis === 'performance' && rating.performance?.value === l.value) || (axis.axis === 'potential' && rating.potential?.value === l.value);
                  return (
                    <li key={l.value} className={mine ? 'rubric__level rubric__level--mine' : 'rubric__level'}>
                      <strong>
                        {l.value} · {l.label}
                      </strong>
                      {mine ? <span className="tag tag--private">Yours</span> : null} <span className="muted">{l.description}</span>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </section>
      ) : null}
      {rating.matrix !== null ? <MatrixCard matrix={rating.matrix} rating={rating} /> : null}
      {rating.canRequestReview ? (
        <section className="card" aria-labelledby="review-title" data-testid="request-review">
          <h2 className="card__title" id="review-title">
            Ask for a review
          </h2>
          <p>If you think the evidence above misses something, you can ask for this rating to be reviewed: tell your manager or your HR partner what the evidence missed, and they will take it back to the calibrators.</p>
        </section>
      ) : null}
    </div>
  );
}

function MatrixCard({ matrix, rating }: { matrix: NonNullable<MyRating['matrix']>; rating: MyRating }) {
  const performance = Object.keys(matrix).sort((a, b) => Number(b) - Number(a));
  const potential = Object.keys(matrix[performance[0]!] ?? {}).sort((a, b) => Number(a) - Number(b));
  return (
    <section className="card card--flush" aria-labelledby="matrix-title" data-testid="matrix">
      <div className="card__inset">
        <h2 className="card__title" id="matrix-title">
          How performance and potential give the overall value
        </h2>
      </div>
      <div className="ov-grid__scroll">
        <table className="ov-grid ov-grid--static">
          <thead>
            <tr>
              <td className="ov-grid__corner" />
              {potential.map((p) => (
                <th scope="col" key={p}>
                  Potential {p}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {performance.map((perf) => (
              <tr key={perf}>
                <th scope="row">Performance {perf}</th>
                {potential.map((pot) => {
                  const ov = matrix[perf]?.[pot];
                  const mine = String(rating.performance?.value) === perf && String(rating.potential?.value) === pot;
                  return (
                    <td key={pot} className={`ov-cell--${ov}${mine ? ' ov-grid__mine' : ''}`}>
                      {ov}
                      {mine ? <span className="visually-hidden"> (yours)</span> : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
