import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { listTeamProposals, type Proposal, type TeamProposals } from '../../api/calibration.ts';
import type { Cycle } from '../../api/cycles.ts';
import { useResource } from '../../api/use-resource.ts';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { CycleFrame } from '../cycles/CycleFrame.tsx';
import { DraftBadge } from '../cycles/DraftBadge.tsx';
import { phaseLabel } from '../cycles/cycle-format.ts';
import { PROPOSE_PHASES } from './calibration-format.ts';
import { ProposalEditor } from './ProposalEditor.tsx';
import { ProposalView } from './ProposalView.tsx';

/** `/cycles/:id/proposals`: a manager rates each direct report for calibration. */
export function ProposalsPage() {
  return (
    <CycleFrame title="Propose ratings" lead="Rate each of your direct reports on job performance, the Leadership Principles and potential, with the evidence behind it.">
      {(cycle) => <ProposalsLoader cycle={cycle} />}
    </CycleFrame>
  );
}

function ProposalsLoader({ cycle }: { cycle: Cycle }) {
  const team = useResource((signal) => listTeamProposals(cycle.id, signal), `proposals-${cycle.id}`);
  if (!team.data) return <LiveRegion>{team.status === 'error' ? <ProblemMessage problem={team.problem} /> : <Loading />}</LiveRegion>;
  if (team.data.proposals.length === 0) return <p className="card">You have no direct reports in {cycle.name}.</p>;
  return <TeamProposalsView cycle={cycle} team={team.data} onChange={team.replace} />;
}

function TeamProposalsView({ cycle, team, onChange }: { cycle: Cycle; team: TeamProposals; onChange: (team: TeamProposals) => void }) {
  const [params] = useSearchParams();
  const [revising, setRevising] = useState<number | null>(null);
  const open = PROPOSE_PHASES.includes(cycle.phase);
  const chosenId = Number(params.get('person')) || (team.proposals.find((p) => p.status !== 'submitted' && !p.locked) ?? team.proposals[0])!.person.id;
  const chosen = team.proposals.find((p) => p.person.id === chosenId) ?? team.proposals[0]!;
  const done = team.proposals.filter((p) => p.status === 'submitted').length;

  function saved(p: Proposal) {
    onChange({ ...team, proposals: team.proposals.map((q) => (q.person.id === p.person.id ? p : q)) });
  }

  const editable = open && !chosen.locked && (chosen.status !== 'submitted' || revising === chosen.person.id);
  return (
    <div className="grid proposals">
      <nav className="card proposals__team" aria-labelledby="team-title">
        <h2 className="card__title" id="team-title">
          Your reports
        </h2>
        <p className="muted small" data-testid="proposals-progress">
          {done} of {team.proposals.length} submitted
        </p>
        <ul className="report-list">
          {team.proposals.map((p) => (
            <li key={p.person.id} className="report-list__item">
              <Link to={`?person=${p.person.id}`} aria-current={p.person.id === chosen.person.id ? 'page' : undefined} onClick={() => setRevising(null)}>
                {p.person.name}
              </Link>
              <span className="report-list__status">
                {p.ov ? <span className={`ov ov--small ov--${p.ov}`}>{p.ov}</span> : null}
                {p.locked ? <span className="badge badge--status-submitted">In calibration</span> : <DraftBadge status={p.status} />}
              </span>
            </li>
          ))}
        </ul>
      </nav>
      <div className="stack">
        {!open ? <p className="notice notice--warning">Proposals are open during peer feedback, manager review and calibration; {cycle.name} is in {phaseLabel(cycle.phase).toLowerCase()}.</p> : null}
        {editable ? (
          <ProposalEditor
            key={`${chosen.person.id}-${revising ?? ''}`}
            cycleId={cycle.id}
            team={team}
            proposal={chosen}
            onSaved={saved}
            onSubmitted={(p) => {
              setRevising(null);
              saved(p);
            }}
          />
        ) : (
          <section className="card" aria-labelledby="proposal-title" data-testid="proposal-read">
            <div className="card__header">
              <h2 className="card__title" id="proposal-title">
                {chosen.person.name}
              </h2>
              {chosen.locked ? <span className="badge badge--status-submitted">In calibration</span> : <DraftBadge status={chosen.status} />}
            </div>
            {chosen.locked ? (
              <p className="notice notice--info">{chosen.person.name} is in a calibration session: the rating now moves there, with a rationale, and this proposal is the record of what you proposed.</p>
            ) : chosen.status === 'submitted' ? (
              <p className="notice notice--success" data-testid="proposal-submitted">
                Submitted for calibration.{' '}
                {open ? (
                  <button type="button" className="button button--secondary button--small" onClick={() => setRevising(chosen.person.id)}>
                    Revise
                  </button>
                ) : null}
              </p>
            ) : null}
            <ProposalView team={team} proposal={chosen} />
          </section>
        )}
        <p className="muted small">
          Who reads a proposal: your management chain and HR partners; once in calibration, the session’s calibrators see the ratings and evidence coverage. {chosen.person.name} does not read
          this page; what they see at delivery depends on the {cycle.policy.name} policy.
        </p>
      </div>
    </div>
  );
}
