import type { Packet } from '../../api/promotions.ts';

const STATUS = { met: 'Met', warn: 'Check', blocked: 'Blocks submission' } as const;
const TITLES = { coverage: 'Next-level expectations covered', rating: 'Rating', peerFeedback: 'Peer feedback', length: 'Length', commonBlockers: 'Common blockers' } as const;

/** The readiness check as the policy defines it: each check, met or not, in a sentence. */
export function ReadinessPanel({ readiness }: { readiness: Packet['readiness'] }) {
  return (
    <section className="card" aria-labelledby="readiness-title" data-testid="readiness">
      <div className="card__header">
        <h2 className="card__title" id="readiness-title">
          Readiness
        </h2>
        <span className="tag">{readiness.coverage.percent}% of the next level covered (target {readiness.coverage.targetPercent}%)</span>
      </div>
      <ul className="report-list">
        {readiness.checks.map((c) => (
          <li key={c.key} className="report-list__item" data-testid={`check-${c.key}`} data-status={c.status}>
            <span>
              <strong>{TITLES[c.key]}</strong>: {c.message}
            </span>
            <span className={`badge badge--status-${c.status === 'met' ? 'submitted' : c.status === 'warn' ? 'draft' : 'not_started'}`}>{STATUS[c.status]}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
