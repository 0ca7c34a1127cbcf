import type { Proposal, TeamProposals } from '../../api/calibration.ts';

type Shown = Pick<Proposal, 'performance' | 'potential' | 'principles' | 'justification' | 'evidence'> & Partial<Pick<Proposal, 'ov' | 'forteSummary'>>;

/** A proposal read back: ratings with their labels, the justification and the evidence. */
export function ProposalView({ team, proposal }: { team: TeamProposals; proposal: Shown }) {
  const label = (levels: TeamProposals['scales']['performance'], value: number | null) => (value === null ? 'Not chosen' : `${value} · ${levels.find((l) => l.value === value)?.label ?? ''}`);
  const lp = (value: number) => team.scales.leadershipPrinciples.find((l) => l.value === value)?.label ?? String(value);
  const list = (items: readonly string[]) => (items.length ? <ul className="bullets">{items.map((i) => <li key={i}>{i}</li>)}</ul> : <p className="muted">None</p>);
  return (
    <dl className="details proposal-view">
      <div className="details__row">
        <dt>Performance</dt>
        <dd>{label(team.scales.performance, proposal.performance)}</dd>
      </div>
      <div className="details__row">
        <dt>Potential</dt>
        <dd>{label(team.scales.potential, proposal.potential)}</dd>
      </div>
      {proposal.ov ? (
        <div className="details__row">
          <dt>Resulting</dt>
          <dd>
            <span className={`ov ov--${proposal.ov}`}>{proposal.ov}</span> · {proposal.forteSummary}
          </dd>
        </div>
      ) : null}
      <div className="details__row">
        <dt>Principles</dt>
        <dd>{Object.entries(proposal.principles).map(([p, v]) => `${p}: ${lp(v)}`).join('; ') || 'None rated'}</dd>
      </div>
      <div className="details__row">
        <dt>Justification</dt>
        <dd>{proposal.justification || '—'}</dd>
      </div>
      {team.evidenceDimensions.map((d) => (
        <div className="details__row" key={d.key}>
          <dt>{d.label}</dt>
          <dd>{list(proposal.evidence.byDimension[d.key] ?? [])}</dd>
        </div>
      ))}
      <div className="details__row">
        <dt>Impact examples</dt>
        <dd>{list(proposal.evidence.impactExamples)}</dd>
      </div>
      <div className="details__row">
        <dt>Peer themes</dt>
        <dd>{proposal.evidence.peerFeedbackThemes || '—'}</dd>
      </div>
      <div className="details__row">
        <dt>Metrics (context)</dt>
        <dd>{list(proposal.evidence.systemMetrics)}</dd>
      </div>
      <div className="details__row">
        <dt>Multiplier impact</dt>
        <dd>{proposal.evidence.multiplierImpact || '—'}</dd>
      </div>
    </dl>
  );
}
