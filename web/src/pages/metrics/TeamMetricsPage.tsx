import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { getTeamDora, getTeamDrilldown, type Report, type TeamDora } from '../../api/metrics.ts';
import { useResource } from '../../api/use-resource.ts';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { formatDate } from '../../components/format.ts';
import { Drilldown, type DrilldownView } from './Drilldown.tsx';
import { KeyCard } from './KeyCard.tsx';
import { MetricsTabs } from './MetricsTabs.tsx';
import { formatMinutes, formatPercent, lastDays } from './metrics-format.ts';
import { NoTeams, TeamPicker, useChosenTeam } from './TeamPicker.tsx';
import { TrendChart } from './TrendChart.tsx';
import './metrics.css';

const PERIODS = [30, 90, 180, 365] as const;

/** A team's four DORA keys with benchmark bands, their monthly trend, and the records behind each number. */
export function TeamMetricsPage() {
  const [params, setParams] = useSearchParams();
  const { teams, teamId, problem } = useChosenTeam();
  const days = Number(params.get('days')) || 90;
  const report: Report = params.get('report') === '2021' ? '2021' : '2023';
  const period = lastDays(days);
  const [view, setView] = useState<DrilldownView | null>(null);
  const key = `${teamId}-${days}-${report}`;
  const dora = useResource((signal) => (teamId === null ? Promise.resolve(null) : getTeamDora(teamId, { ...period, report }, signal)), key);
  const drill = useResource((signal) => (teamId === null || view === null ? Promise.resolve(null) : getTeamDrilldown(teamId, period, signal)), `${key}-${view !== null}`);
  const set = (name: string, value: string) => setParams((p) => ({ ...Object.fromEntries(p), [name]: value }));
  const data = dora.data;
  return (
    <div className="stack">
      <PageHeader title="Team DORA metrics" lead="Deployment frequency, lead time, change failure rate and recovery: the team's outcomes, computed as Apache DevLake's dashboard does." />
      <MetricsTabs search={teamId ? `?team=${teamId}` : ''} />
      {teams && teams.length === 0 ? <NoTeams problem={null} /> : null}
      {problem ? <NoTeams problem={problem} /> : null}
      {teams && teams.length > 0 ? (
        <div className="metrics-controls">
          <TeamPicker teams={teams} teamId={teamId} />
          <label className="field">
            <span className="field__label">Period</span>
            <select className="input" value={days} onChange={(e) => set('days', e.target.value)}>
              {PERIODS.map((d) => (
                <option key={d} value={d}>
                  Last {d} days
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">Benchmarks</span>
            <select className="input" value={report} onChange={(e) => set('report', e.target.value)}>
              <option value="2023">DORA 2023 (failed deployment recovery)</option>
              <option value="2021">DORA 2021 (time to restore)</option>
            </select>
          </label>
        </div>
      ) : null}
      <LiveRegion>
        {dora.status === 'error' ? <ProblemMessage problem={dora.problem} /> : null}
        {dora.status === 'loading' && !data ? <Loading /> : null}
      </LiveRegion>
      {data ? <Keys data={data} onShow={setView} /> : null}
      {data ? <Trends data={data} /> : null}
      {view !== null ? (
        <section className="stack" aria-labelledby="drilldown-heading">
          <h2 id="drilldown-heading">
            Behind the numbers: {view === 'deployments' ? 'deployments' : view === 'changes' ? 'changes and their lead time' : 'incidents'}, {formatDate(period.from)} to {formatDate(period.to)}
          </h2>
          <div className="metrics-tabs">
            {(['deployments', 'changes', 'incidents'] as const).map((v) => (
              <button key={v} type="button" className={`button button--small ${v === view ? '' : 'button--secondary'}`} aria-pressed={v === view} onClick={() => setView(v)}>
                {v === 'deployments' ? 'Deployments' : v === 'changes' ? 'Changes' : 'Incidents'}
              </button>
            ))}
          </div>
          {drill.status === 'error' ? <ProblemMessage problem={drill.problem} /> : null}
          {drill.data ? <Drilldown data={drill.data} view={view} /> : <Loading />}
        </section>
      ) : null}
    </div>
  );
}

function Keys({ data, onShow }: { data: TeamDora; onShow: (view: DrilldownView) => void }) {
  const { keys, bands } = data;
  const f = keys.deploymentFrequency;
  const restore = keys.report === 2021 ? 'Time to restore service' : 'Failed deployment recovery time';
  const bandText = (list: { level: string; upTo: number | null }[], format: (n: number) => string) =>
    list.filter((b) => b.upTo !== null).map((b) => `${b.level} under ${format(b.upTo!)}`).join(' · ');
  return (
    <>
      <p className="context-label">{data.label} Services: {data.services.map((s) => s.name).join(', ') || 'none mapped'}.</p>
      <div className="key-grid">
        <KeyCard
          name="Deployment frequency"
          value={`${f.deployDays} deploy days`}
          level={f.level}
          detail={`${f.deployments} production deployments; median ${f.medianDeployDaysPerWeek ?? '—'} days a week, ${f.medianDeployDaysPerMonth ?? '—'} a month.`}
          band={bands.deploymentFrequency}
          onShow={() => onShow('deployments')}
          showLabel="Show the deployments"
        />
        <KeyCard
          name="Lead time for changes"
          value={formatMinutes(keys.leadTime.medianMinutes)}
          level={keys.leadTime.level}
          detail={`Median of ${keys.leadTime.changes} deployed pull requests, first commit to production.`}
          band={bandText(bands.leadTimeMinutes, formatMinutes)}
          onShow={() => onShow('changes')}
          showLabel="Show the changes"
        />
        <KeyCard
          name="Change failure rate"
          value={keys.changeFailureRate ? formatPercent(keys.changeFailureRate.rate) : 'No incident data'}
          level={keys.changeFailureRate?.level ?? null}
          detail={keys.changeFailureRate ? `${keys.changeFailureRate.failedDeployments} of ${keys.changeFailureRate.deployments} deployments caused an incident.` : 'Collect incidents to see it.'}
          band={bandText(bands.changeFailureRate, (n) => formatPercent(n, 0))}
          onShow={() => onShow('deployments')}
          showLabel="Show the failed deployments"
        />
        <KeyCard
          name={restore}
          value={keys.recovery ? formatMinutes(keys.recovery.medianMinutes) : 'No incident data'}
          level={keys.recovery?.level ?? null}
          detail={keys.recovery ? `Median over ${keys.recovery.incidents} incidents.` : 'Collect incidents to see it.'}
          band={bandText(bands.recoveryMinutes, formatMinutes)}
          onShow={() => onShow('incidents')}
          showLabel="Show the incidents"
        />
      </div>
    </>
  );
}

function Trends({ data }: { data: TeamDora }) {
  const label = (from: string) => new Date(`${from}T00:00:00Z`).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  const series = (pick: (k: TeamDora['keys']) => number | null) => data.trend.map((t) => ({ label: label(t.from), value: pick(t.keys) }));
  return (
    <section className="stack" aria-label="Trend by month">
      <h2>Trend by month</h2>
      <div className="trend-grid">
        <TrendChart title="Deployment days" points={series((k) => k.deploymentFrequency.deployDays)} bands={[]} format={(v) => `${v} days`} />
        <TrendChart title="Lead time (median)" points={series((k) => k.leadTime.medianMinutes)} bands={data.bands.leadTimeMinutes} format={formatMinutes} />
        <TrendChart title="Change failure rate" points={series((k) => k.changeFailureRate?.rate ?? null)} bands={data.bands.changeFailureRate} format={(v) => formatPercent(v)} />
        <TrendChart title="Recovery (median)" points={series((k) => k.recovery?.medianMinutes ?? null)} bands={data.bands.recoveryMinutes} format={formatMinutes} />
      </div>
    </section>
  );
}
