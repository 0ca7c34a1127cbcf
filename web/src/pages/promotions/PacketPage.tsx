import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client.ts';
import { getPacket, packetAction, type Packet } from '../../api/promotions.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { MissingPage, PageLoading } from '../../components/PageStates.tsx';
import { formatDate } from '../../components/format.ts';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { CommitteePanel } from './CommitteePanel.tsx';
import { ReadinessPanel } from './ReadinessPanel.tsx';
import { SectionEditor } from './SectionEditor.tsx';
import { STATUS_LABELS } from './format.ts';

/** One promotion case: readiness, the six sections with their evidence, the committee, the decision and the history. */
export function PacketPage() {
  const { id } = useParams();
  const packetId = Number(id);
  if (!Number.isInteger(packetId) || packetId <= 0) return <NotFoundPage />;
  return <PacketView packetId={packetId} />;
}

function PacketView({ packetId }: { packetId: number }) {
  const packet = useResource((signal) => getPacket(packetId, signal), `packet-${packetId}`);
  const action = useAction();
  if (packet.status === 'error' && isApiError(packet.error, 404)) {
    return <MissingPage title="Promotion case not found" lead="There is no such case, or you may not see it." back={{ to: '/promotions', label: 'Back to promotions' }} />;
  }
  if (!packet.data) return <PageLoading title="Promotion case" resource={packet} />;
  const p = packet.data;
  const update = (next: Packet) => packet.replace(next);
  return (
    <div className="stack">
      <Breadcrumb trail={[{ to: '/promotions', label: 'Promotions' }]} current={p.candidate.name} />
      <PageHeader
        title={`${p.candidate.name}: ${p.fromLevel} to ${p.toLevel}`}
        tabTitle={`Promotion case: ${p.candidate.name}`}
        lead={`Case for ${p.toTitle}, drafted by ${p.author.name} with ${p.candidate.name}, under the ${p.policy.key} policy (version ${p.policy.version}).`}
        actions={
          <span className={`badge badge--status-${p.status}`} data-testid="packet-status">
            {STATUS_LABELS[p.status]}
          </span>
        }
      />
      {p.decision ? <Outcome packet={p} /> : null}
      <ReadinessPanel readiness={p.readiness} />
      {p.viewer.canSubmit || p.viewer.canWithdraw ? (
        <div className="form__actions">
          {p.viewer.canSubmit ? (
            <button type="button" className="button" disabled={action.busy} onClick={() => void action.run(async () => (update(await packetAction(p.id, 'submit')), 'Submitted for committee review.'))}>
              Submit the case
            </button>
          ) : null}
          {p.viewer.canWithdraw ? (
            <button type="button" className="button button--secondary" disabled={action.busy} onClick={() => void action.run(async () => (update(await packetAction(p.id, 'withdraw')), 'Back in draft.'))}>
              Take back to edit
            </button>
          ) : null}
        </div>
      ) : null}
      <ActionOutcome action={action} heading="Nothing changed" />
      {p.sections.map((s) => (
        <SectionEditor key={s.key} packet={p} section={s} readiness={p.readiness.sections.find((r) => r.key === s.key)} editable={p.viewer.canEdit} onSaved={update} />
      ))}
      {p.status === 'committee_review' || p.committee.memberCount || p.viewer.canStartCommittee ? <CommitteePanel packet={p} onChange={update} /> : null}
      <section className="card" aria-labelledby="history-title">
        <h2 className="card__title" id="history-title">
          History
        </h2>
        <ol className="timeline timeline--compact">
          {p.history.map((h, i) => (
            <li className="timeline__step timeline__step--done" key={i}>
              <span className="timeline__text">
                <span className="timeline__label">{STATUS_LABELS[h.to as Packet['status']] ?? h.to}</span> <span className="timeline__date">{formatDate(h.at)}{h.actor ? ` · ${h.actor}` : ''}</span> {h.note}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function Outcome({ packet }: { packet: Packet }) {
  const approved = packet.decision!.outcome === 'approved';
  return (
    <section className={`notice ${approved ? 'notice--success' : 'notice--info'}`} data-testid="outcome">
      <p className="notice__title">{approved ? `Promoted to ${packet.toTitle} (${packet.toLevel})` : 'Not approved this time'}</p>
      <p>{packet.decision!.feedback}</p>
      {packet.viewer.role === 'candidate' ? (
        <p>
          <Link to="/career">See your new level’s expectations</Link> · <Link to="/compensation">See your compensation statement</Link>
        </p>
      ) : null}
    </section>
  );
}
