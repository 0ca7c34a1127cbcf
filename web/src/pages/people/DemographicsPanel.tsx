import { isApiError } from '../../api/client.ts';
import { getDemographics } from '../../api/people.ts';
import { useResource } from '../../api/use-resource.ts';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';

/** "attr_ethnicity" columns arrive as "ethnicity"; show them as "Ethnicity". */
function attributeLabel(name: string): string {
  const words = name.replace(/[_-]+/gu, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Demographic attributes for HR partners; the server answers 404 outside their scope. */
export function DemographicsPanel({ personId }: { personId: number }) {
  const demographics = useResource((signal) => getDemographics(personId, signal), `demographics-${personId}`);
  const outOfScope = demographics.status === 'error' && isApiError(demographics.error, 404);
  const entries = Object.entries(demographics.data?.attributes ?? {});
  return (
    <section className="card" aria-labelledby="demographics" data-testid="demographics">
      <div className="card__header">
        <h2 className="card__title" id="demographics">
          Demographics
        </h2>
        <span className="tag tag--sensitive">HR only</span>
      </div>
      <LiveRegion>
        {demographics.status === 'loading' ? <Loading /> : null}
        {outOfScope ? <p className="muted">Not in your HR scope.</p> : null}
        {demographics.status === 'error' && !outOfScope ? <ProblemMessage problem={demographics.problem} /> : null}
        {demographics.status === 'ready' && entries.length === 0 ? <p className="muted">No demographic attributes are recorded.</p> : null}
      </LiveRegion>
      {demographics.status === 'ready' && entries.length > 0 ? (
        <>
          <p className="muted small">For fairness analysis only. Never use these in decisions about this person.</p>
          <dl className="details">
            {entries.map(([name, value]) => (
              <div className="details__row" key={name}>
                <dt>{attributeLabel(name)}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
    </section>
  );
}
