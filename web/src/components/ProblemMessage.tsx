import type { Problem } from '../api/client.ts';

/**
 * An error from the server as the user should read it: the problem's `detail`, and its
 * per-field `errors` as a list. Render it inside a live region (see LiveRegion).
 */
export function ProblemMessage({ problem, heading }: { problem: Problem; heading?: string }) {
  // Field problems the detail already spells out would only repeat it.
  const errors = (problem.errors ?? []).filter((e) => !problem.detail.includes(e.message));
  return (
    <div className="notice notice--error" data-testid="problem">
      {heading ? <p className="notice__title">{heading}</p> : null}
      <p className="notice__body">{problem.detail}</p>
      {errors.length > 0 ? (
        <ul className="notice__list">
          {errors.map((e, i) => (
            <li key={`${e.path}-${i}`}>
              <span className="notice__path">{displayPath(e.path)}</span> {e.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

// "body.newPassword" reads better as "newPassword"; file positions are kept whole.
function displayPath(path: string): string {
  return path.replace(/^(body|querystring|params)\./u, '');
}
