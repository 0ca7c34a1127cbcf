import { getAiAdoption, getPersonAiUsage } from '../../api/metrics.ts';
import { useResource } from '../../api/use-resource.ts';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { TableHead } from '../../components/TableHead.tsx';
import { formatDate, formatNumber } from '../../components/format.ts';
import { useMe } from '../../components/me-context.ts';
import { MetricsTabs } from './MetricsTabs.tsx';
import { formatPercent, lastDays } from './metrics-format.ts';
import { TrendChart } from './TrendChart.tsx';
import './metrics.css';

const SOURCE_NAMES = { 'amazon-q': 'Amazon Q Developer', copilot: 'GitHub Copilot' } as const;

/** AI-assistant adoption of the whole organisation per week, and my own usage (mine only). */
export function AiAdoptionPage() {
  const { me } = useMe();
  const period = lastDays(12 * 7);
  const adoption = useResource((signal) => getAiAdoption(period, signal), 'ai-adoption');
  const mine = useResource((signal) => (me.personId === null ? Promise.resolve(null) : getPersonAiUsage(me.personId, period, signal)), `ai-mine-${me.personId}`);
  const data = adoption.data;
  return (
    <div className="stack">
      <PageHeader title="AI-assistant adoption" lead="How the organisation uses its coding assistants, week by week. Context for tooling decisions, never a measure of a person." />
      <MetricsTabs />
      <LiveRegion>
        {adoption.status === 'error' ? <ProblemMessage problem={adoption.problem} /> : null}
        {adoption.status === 'loading' && !data ? <Loading /> : null}
      </LiveRegion>
      {data && data.sources.length === 0 ? <p className="card muted">No AI-assistant usage has been loaded (<code>highbar ingest amazon-q</code> or <code>highbar ingest copilot</code>).</p> : null}
      {data?.sources.map((s) => (
        <section key={s.source} className="stack" aria-label={SOURCE_NAMES[s.source]}>
          <h2>{SOURCE_NAMES[s.source]}</h2>
          <div className="trend-grid">
            <TrendChart title="Acceptance rate by week" points={s.weeks.map((w) => ({ label: w.week.slice(5), value: w.acceptanceRate }))} bands={[]} format={(v) => formatPercent(v)} />
            <TrendChart title="Active users by week" points={s.weeks.map((w) => ({ label: w.week.slice(5), value: w.suppressed ? null : w.activeUsers }))} bands={[]} format={(v) => formatNumber(v)} />
          </div>
          <div className="card card--flush">
            <table className="table table--stack" data-testid={`ai-${s.source}`}>
              <caption className="visually-hidden">{SOURCE_NAMES[s.source]} by week</caption>
              <TableHead columns={['Week of', 'Active users', 'Suggestions', 'Accepted', 'Acceptance rate', 'AI code lines', 'Chat messages']} />
              <tbody>
                {s.weeks.map((w) => (
                  <tr key={w.week}>
                    <td data-label="Week of">{formatDate(w.week)}</td>
                    {w.suppressed ? (
                      <td data-label="Active users" colSpan={6} className="muted">Fewer than {data.suppressedBelow} active users: not shown</td>
                    ) : (
                      <>
                        <td data-label="Active users">{formatNumber(w.activeUsers)}</td>
                        <td data-label="Suggestions">{formatNumber(w.suggestions)}</td>
                        <td data-label="Accepted">{formatNumber(w.acceptances)}</td>
                        <td data-label="Acceptance rate">{formatPercent(w.acceptanceRate)}</td>
                        <td data-label="AI code lines">{formatNumber(w.aiCodeLines)}</td>
                        <td data-label="Chat messages">{formatNumber(w.chatMessages)}</td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      {mine.data && mine.data.weeks.length > 0 ? (
        <section className="card stack" aria-label="My own usage">
          <h2>My own usage</h2>
          <p className="muted small">Only you and HR see this.</p>
          <ul>
            {mine.data.weeks.map((w) => (
              <li key={w.week}>
                Week of {formatDate(w.week)}: active {w.activeDays} days, {formatNumber(w.acceptances)} of {formatNumber(w.suggestions)} suggestions accepted, {formatNumber(w.aiCodeLines)} AI code lines.
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
