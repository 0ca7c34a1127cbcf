import type { ManagerReview } from '../../api/feedback.ts';

/** Only web links become links: anything else (javascript:, data:) is shown as text. */
export function isWebUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

/** A manager review for reading. */
export function ManagerReviewView({ review }: { review: Pick<ManagerReview, 'narrative' | 'strengths' | 'growthAreas' | 'evidenceLinks'> }) {
  return (
    <div className="prose" data-testid="manager-review-view">
      <h3 className="prose__heading">Narrative</h3>
      <p className="prose__text">{review.narrative || <span className="muted">Not written.</span>}</p>
      <h3 className="prose__heading">Strengths</h3>
      <p className="prose__text">{review.strengths || <span className="muted">Not written.</span>}</p>
      <h3 className="prose__heading">Growth areas</h3>
      <p className="prose__text">{review.growthAreas || <span className="muted">Not written.</span>}</p>
      {review.evidenceLinks.length ? (
        <>
          <h3 className="prose__heading">Evidence</h3>
          <ul className="bullets">
            {review.evidenceLinks.map((l) => (
              <li key={`${l.label}-${l.url}`}>
                {isWebUrl(l.url) ? (
                  <a href={l.url} target="_blank" rel="noreferrer noopener">
                    {l.label}
                  </a>
                ) : (
                  <span>
                    {l.label} ({l.url})
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
