import { takePipelineStep, listMyJuryDuties } from '../../api/pipeline.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { formatDate } from '../../components/format.ts';
import { useMe } from '../../components/me-context.ts';

/** Appeals I sit on as a juror: the statement, the PIP's goals and outcome note, and my vote. */
export function JuryPage() {
  const { me } = useMe();
  const duties = useResource((signal) => listMyJuryDuties(signal), 'jury-duties');
  const action = useAction();
  const vote = (caseId: number, version: number, choice: 'uphold' | 'overturn') =>
    action.run(async () => {
      await takePipelineStep(caseId, version, { type: 'castJuryVote', jurorId: me.personId ?? 0, vote: choice });
      duties.reload();
      return 'Your vote is recorded.';
    });
  return (
    <div className="stack">
      <PageHeader title="Jury duty" lead="Appeals you sit on. Read the papers, then vote; a vote is final." />
      <LiveRegion>{action.problem ? <ProblemMessage problem={action.problem} /> : action.status ? <p className="notice notice--success">{action.status}</p> : null}</LiveRegion>
      {duties.data?.duties.length === 0 ? <p className="card muted">No appeals for you.</p> : null}
      {duties.data?.duties.map((d) => (
        <section className="card" key={d.caseId}>
          <h2 className="card__title">Appeal of {d.person.name}</h2>
          <p>{d.statement}</p>
          <ol>
            {d.pipGoals.map((g) => (
              <li key={g}>{g}</li>
            ))}
          </ol>
          <p className="muted small">Manager’s outcome note: {d.pipOutcomeNote}. Verdict due {formatDate(d.verdictDueAt)}.</p>
          {d.myVote ? (
            <p>You voted to {d.myVote}.</p>
          ) : (
            <div className="toolbar">
              <button type="button" className="button" disabled={action.busy} onClick={() => void vote(d.caseId, d.version, 'overturn')}>
                Overturn the failure
              </button>
              <button type="button" className="button button--secondary" disabled={action.busy} onClick={() => void vote(d.caseId, d.version, 'uphold')}>
                Uphold it
              </button>
            </div>
          )}
        </section>
      ))}
    </div>
  );
}
