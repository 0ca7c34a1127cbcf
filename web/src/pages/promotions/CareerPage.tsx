import { Link, useParams } from 'react-router-dom';
import { getCareer, type CareerLevel } from '../../api/promotions.ts';
import { useResource } from '../../api/use-resource.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageStates.tsx';
import { useMe } from '../../components/me-context.ts';

/**
 * "What does great look like at my level, and the next?": the two levels side by side, one row
 * per dimension, with example behaviours. A growth screen: it never shows pay.
 */
export function CareerPage() {
  const { me } = useMe();
  const { personId: param } = useParams();
  const personId = param ? Number(param) : me.personId;
  if (!personId) {
    return (
      <div className="stack">
        <PageHeader title="Career" lead="This account is not linked to a person, so it has no level on a ladder." />
      </div>
    );
  }
  return <CareerView personId={personId} own={personId === me.personId} />;
}

function CareerView({ personId, own }: { personId: number; own: boolean }) {
  const career = useResource((signal) => getCareer(personId, signal), `career-${personId}`);
  if (!career.data) return <PageLoading title="Career" resource={career} />;
  const { person, current, next, ladder } = career.data;
  return (
    <div className="stack">
      <PageHeader
        title={own ? 'My career' : `Career: ${person.name}`}
        lead={current ? `${current.title} (${current.code}) on the ${ladder?.name ?? ''} ladder${next ? `; next: ${next.title} (${next.code})` : ''}.` : `Level ${person.level} is not on a ladder.`}
        actions={<Link to="/promotions">Promotion cases</Link>}
      />
      {current ? <LevelComparison current={current} next={next} /> : null}
    </div>
  );
}

function Behaviours({ items }: { items: string[] }) {
  if (!items.length) return null;
  return (
    <ul className="bullets small">
      {items.map((b) => (
        <li key={b}>{b}</li>
      ))}
    </ul>
  );
}

function LevelComparison({ current, next }: { current: CareerLevel; next: CareerLevel | null }) {
  return (
    <section className="card" aria-labelledby="levels-title">
      <h2 className="card__title" id="levels-title">
        Expectations by dimension
      </h2>
      <table className="table" data-testid="career-table">
        <thead>
          <tr>
            <th scope="col">Dimension</th>
            <th scope="col">
              Now: {current.title} ({current.code})
            </th>
            {next ? (
              <th scope="col">
                Next: {next.title} ({next.code})
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {current.expectations.map((e, i) => {
            const n = next?.expectations[i];
            return (
              <tr key={e.dimension}>
                <th scope="row">{e.label}</th>
                <td>
                  {e.expectation}
                  <Behaviours items={e.behaviours} />
                </td>
                {n ? (
                  <td>
                    {n.expectation}
                    <Behaviours items={n.behaviours} />
                  </td>
                ) : null}
              </tr>
            );
          })}
          <tr>
            <th scope="row">Examples</th>
            <td>
              <Behaviours items={current.exampleBehaviours} />
            </td>
            {next ? (
              <td>
                <Behaviours items={next.exampleBehaviours} />
              </td>
            ) : null}
          </tr>
        </tbody>
      </table>
    </section>
  );
}
