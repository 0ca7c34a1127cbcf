import { useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';
import { listMetricsTeams, type MetricsTeams } from '../../api/metrics.ts';
import { useResource } from '../../api/use-resource.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';

/**
 * The team whose metrics a page shows, kept in the URL (`?team=ID`) so a view can be linked;
 * the reader's own team (else the first) when none is chosen.
 */
export function useChosenTeam(): { teams: MetricsTeams['teams'] | undefined; teamId: number | null; problem: ReturnType<typeof useResource>['problem'] } {
  const [params, setParams] = useSearchParams();
  const teams = useResource((signal) => listMetricsTeams(signal), 'metrics-teams');
  const chosen = Number(params.get('team')) || null;
  const first = (teams.data?.teams.find((t) => t.mine) ?? teams.data?.teams[0])?.id ?? null;
  useEffect(() => {
    if (chosen === null && first !== null) setParams((p) => ({ ...Object.fromEntries(p), team: String(first) }), { replace: true });
  }, [chosen, first]);
  return { teams: teams.data?.teams, teamId: chosen ?? first, problem: teams.problem };
}

export function TeamPicker({ teams, teamId }: { teams: MetricsTeams['teams']; teamId: number | null }) {
  const [, setParams] = useSearchParams();
  return (
    <label className="field">
      <span className="field__label">Team</span>
      <select className="input" value={teamId ?? ''} onChange={(e) => setParams((p) => ({ ...Object.fromEntries(p), team: e.target.value }))} data-testid="team-picker">
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name} ({t.services.map((s) => s.name).join(', ')}){t.mine ? ' · my team' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}

export function NoTeams({ problem }: { problem: ReturnType<typeof useResource>['problem'] }) {
  if (problem) return <ProblemMessage problem={problem} />;
  return <p className="card muted">No team has services yet. Map teams to services with <code>highbar ingest teams FILE.csv</code> (docs/metrics.md).</p>;
}
