import { Link, useNavigate } from 'react-router-dom';
import { listPeople } from '../../api/people.ts';
import { createPacket, listPackets } from '../../api/promotions.ts';
import { isApiError } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageStates.tsx';
import { hasRole, useMe } from '../../components/me-context.ts';
import { RELATION_LABELS, STATUS_LABELS } from './format.ts';

/** Promotion cases I relate to, and for managers a way to open one for a report. */
export function PromotionsPage() {
  const { me } = useMe();
  const packets = useResource((signal) => listPackets(signal), 'packets');
  if (!packets.data) return <PageLoading title="Promotions" resource={packets} />;
  return (
    <div className="stack">
      <PageHeader title="Promotions" lead="Cases built from evidence collected all year, read against the next level of the ladder." actions={<Link to="/career">My career</Link>} />
      <section className="card" aria-labelledby="cases-title">
        <h2 className="card__title" id="cases-title">
          Cases
        </h2>
        {packets.data.packets.length === 0 ? (
          <p className="muted">No promotion cases yet.</p>
        ) : (
          <table className="table" data-testid="packet-list">
            <thead>
              <tr>
                <th scope="col">Candidate</th>
                <th scope="col">Levels</th>
                <th scope="col">Status</th>
                <th scope="col">You are</th>
              </tr>
            </thead>
            <tbody>
              {packets.data.packets.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/promotions/${p.id}`}>{p.candidate.name}</Link>
                  </th>
                  <td>
                    {p.fromLevel} to {p.toLevel}
                  </td>
                  <td>
                    <span className={`badge badge--status-${p.status}`}>{STATUS_LABELS[p.status]}</span>
                  </td>
                  <td>{RELATION_LABELS[p.relation]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {hasRole(me, 'manager') && me.personId ? <OpenCase managerId={me.personId} /> : null}
    </div>
  );
}

function OpenCase({ managerId }: { managerId: number }) {
  const navigate = useNavigate();
  const action = useAction();
  const reports = useResource((signal) => listPeople({ managerId, limit: 200 }, signal), `reports-${managerId}`);
  return (
    <section className="card" aria-labelledby="open-title">
      <h2 className="card__title" id="open-title">
        Open a case for a report
      </h2>
      <p className="muted">The case is for the next level on their ladder. You draft it together; they can write every section too.</p>
      <ActionOutcome action={action} resource={reports} heading="No case was opened" />
      <ul className="finder__list" aria-label="Your reports">
        {(reports.data?.people ?? []).map((p) => (
          <li key={p.id}>
            <span>
              <span className="finder__name">{p.name}</span> <span className="muted small">{p.title ?? ''}</span>
            </span>
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={action.busy}
              onClick={() =>
                void action.run(async () => {
                  try {
                    const packet = await createPacket(p.id);
                    navigate(`/promotions/${packet.id}`);
                  } catch (error) {
                    // An open case already exists: go to it rather than report a conflict.
                    const existing = isApiError(error, 409) ? (error.problem as { packetId?: number }).packetId : undefined;
                    if (existing) navigate(`/promotions/${existing}`);
                    else throw error;
                  }
                })
              }
            >
              Open a promotion case<span className="visually-hidden"> for {p.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
