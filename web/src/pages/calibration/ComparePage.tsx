import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { comparePolicies, type Comparison } from '../../api/calibration.ts';
import { useResource } from '../../api/use-resource.ts';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageStates.tsx';
import { VirtualList } from '../../components/VirtualList.tsx';
import { plural } from '../../components/format.ts';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { DistributionPanel } from './DistributionPanel.tsx';

/**
 * `/calibration/:id/compare?policy=KEY`: the session's proposals through another policy, side by
 * side: each person's OV and Forte summary under both, and both distributions against their own
 * targets. This is how a leadership team sees what a forced distribution costs.
 */
export function ComparePage() {
  const sessionId = Number(useParams().id);
  const [params] = useSearchParams();
  const policy = params.get('policy') ?? 'humane';
  if (!Number.isInteger(sessionId) || sessionId <= 0) return <NotFoundPage />;
  return <CompareLoader sessionId={sessionId} policy={policy} />;
}

function CompareLoader({ sessionId, policy }: { sessionId: number; policy: string }) {
  const comparison = useResource((signal) => comparePolicies(sessionId, policy, signal), `compare-${sessionId}-${policy}`);
  if (!comparison.data) return <PageLoading title="Compare policies" resource={comparison} />;
  return <CompareView sessionId={sessionId} comparison={comparison.data} />;
}

function CompareView({ sessionId, comparison }: { sessionId: number; comparison: Comparison }) {
  const [onlyDifferent, setOnlyDifferent] = useState(true);
  const [mine, other] = comparison.policies as [Comparison['policies'][number], Comparison['policies'][number]];
  const people = onlyDifferent ? comparison.people.filter((p) => p.differs) : comparison.people;
  return (
    <div className="stack">
      <Breadcrumb trail={[{ to: '/calibration', label: 'Calibration' }, { to: `/calibration/${sessionId}`, label: 'Session' }]} current={`Compare with ${other.key}`} />
      <PageHeader
        title={`${mine.key} against ${other.key}`}
        tabTitle={`Compare with ${other.key} · Calibration`}
        lead={`The same proposals through both policies: ${plural(comparison.differences, 'person would get', 'people would get')} a different OV or Forte summary under ${other.key}.`}
      />
      <div className="grid grid--halves">
        {comparison.distributions.map((d, i) => {
          const p = comparison.policies[i]!;
          return <DistributionPanel key={p.key} title={`${p.key} (version ${p.version}, ${p.mode})`} distribution={d} mode={p.mode} testId={`compare-distribution-${i}`} />;
        })}
      </div>
      <section className="card card--flush" aria-labelledby="people-title">
        <div className="card__inset">
          <h2 className="card__title" id="people-title">
            Person by person
          </h2>
          <label className="check check--inline">
            <input type="checkbox" checked={onlyDifferent} onChange={(e) => setOnlyDifferent(e.target.checked)} />
            <span className="check__label">Only people whose rating would differ</span>
          </label>
        </div>
        <VirtualList
          label="Ratings under both policies"
          className="compare-list"
          items={people}
          itemKey={(p) => p.person.id}
          estimatedRowHeight={44}
          empty={<p className="muted">Nobody’s rating differs.</p>}
          header={
            <>
              <span role="columnheader">Person</span>
              <span role="columnheader">{mine.key}</span>
              <span role="columnheader">{other.key}</span>
            </>
          }
          renderRow={(p) => (
            <>
              <span role="cell" className="roster__name">
                {p.person.name ?? `Person ${p.person.id}`}
              </span>
              {[0, 1].map((i) => (
                <span role="cell" key={i} className="roster__cell" data-label={comparison.policies[i]!.key}>
                  <span className={`ov ov--${p.ov[i]}`}>{p.ov[i]}</span> <span className="roster__forte">{p.forteSummary[i]}</span>
                </span>
              ))}
            </>
          )}
        />
      </section>
    </div>
  );
}
