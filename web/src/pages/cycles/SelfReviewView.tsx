import type { SelfReview } from '../../api/feedback.ts';

/** A self review as text, for reading (after submit, or by the manager). */
export function SelfReviewView({ review }: { review: Pick<SelfReview, 'body' | 'principles'> }) {
  return (
    <div className="prose" data-testid="self-review-view">
      {review.body.trim() ? <p className="prose__text">{review.body}</p> : <p className="muted">No text yet.</p>}
      {review.principles.length ? (
        <>
          <h3 className="prose__heading">Leadership Principles championed</h3>
          <dl className="principles">
            {review.principles.map((p) => (
              <div key={p.principle} className="principles__item">
                <dt className="lp">{p.principle}</dt>
                <dd className="prose__text">{p.example || <span className="muted">No example yet.</span>}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
    </div>
  );
}
