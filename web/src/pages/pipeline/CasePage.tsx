import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { getPipelineAccessLog, getPipelineCase, getSeveranceOffer, type PipelineCase } from '../../api/pipeline.ts';
import { isApiError } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { Field } from '../../components/Field.tsx';
import { MissingPage, PageLoading } from '../../components/PageStates.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate } from '../../components/format.ts';
import { CaseView } from './CaseView.tsx';
import { StepForm } from './StepForm.tsx';
import { formatCents } from './pipeline-format.ts';

function SeverancePanel({ caseId, version }: { caseId: number; version: number }) {
  const [pay, setPay] = useState('120000');
  const cents = Math.round(Number(pay) * 100);
  const offer = useResource((signal) => (Number.isFinite(cents) && cents > 0 ? getSeveranceOffer(caseId, cents, signal) : Promise.resolve(null)), `severance-${caseId}-${cents}-${version}`, { keepPrevious: true });
  return (
    <section className="card" data-testid="severance">
      <h2 className="card__title">Offer letter figures</h2>
      <Field label="Annual base pay" inputMode="decimal" value={pay} onChange={(e) => setPay(e.target.value)} />
      {offer.data ? (
        <>
          <p className="muted small">
            {offer.data.tenureYears} completed years (band from {offer.data.band.fromYears} years); a week’s pay is {formatCents(offer.data.weeklyPayCents)}.
          </p>
          <ul>
            {offer.data.offers.map((o) => (
              <li key={o.tier}>
                {o.tier}: {o.weeks} weeks = {formatCents(o.amountCents)}
                {offer.data!.applies === o.tier ? ' (applies now)' : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function AccessLogPanel({ caseId, version }: { caseId: number; version: number }) {
  const log = useResource((signal) => getPipelineAccessLog(caseId, signal), `access-${caseId}-${version}`);
  if (!log.data) return null;
  return (
    <section className="card" data-testid="access-log">
      <h2 className="card__title">Who knew, since when</h2>
      <ul>
        {log.data.knewSince.map((k) => (
          <li key={k.accountId}>
            {k.name}: first read {formatDate(k.firstReadAt)}
          </li>
        ))}
      </ul>
      <p className="muted small">{log.data.entries.length} reads logged.</p>
    </section>
  );
}

/** One case for the management chain and HR: what it says, the steps this reader may take next, and (HR) severance and the access log. */
export function PipelineCasePage() {
  const id = Number(useParams().id);
  const loaded = useResource((signal) => getPipelineCase(id, signal), `case-${id}`);
  const [updated, setUpdated] = useState<PipelineCase | null>(null);
  const c = updated && updated.id === id ? updated : loaded.data;
  if (!c) {
    if (loaded.status === 'error' && isApiError(loaded.error, 404)) return <MissingPage title="No such case" lead="There is no case here that you may see." back={{ to: '/pipeline', label: 'Back to the pipeline' }} />;
    return <PageLoading title="Case" resource={loaded} />;
  }
  const isHr = c.viewer.capacities.includes('hr');
  return (
    <div className="stack">
      <PageHeader title={c.person.name} lead={`${c.person.level}${c.person.team ? ` · ${c.person.team}` : ''} · opened ${formatDate(c.openedAt)} · policy ${c.policy.key} v${c.policy.version}`} tabTitle={`Case: ${c.person.name}`} />
      <CaseView c={c} />
      {c.viewer.allowedNext.length ? (
        <section className="stack" aria-label="Next steps">
          <h2>Next steps</h2>
          {c.viewer.allowedNext.map((n) => (
            <StepForm key={`${n.transition}-${c.version}`} c={c} transition={n.transition} onDone={(next) => (next ? setUpdated(next) : loaded.reload())} />
          ))}
        </section>
      ) : (
        <p className="muted">{c.closedAt ? 'The case has ended.' : 'No step is yours to take at this stage.'}</p>
      )}
      {isHr ? <SeverancePanel caseId={c.id} version={c.version} /> : null}
      {isHr ? <AccessLogPanel caseId={c.id} version={c.version} /> : null}
    </div>
  );
}
