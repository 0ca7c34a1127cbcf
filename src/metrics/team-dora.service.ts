import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { DoraQuery, Drilldown, MetricsTeams, TeamDora } from '../shared/schemas/metrics.ts';
import { servicesOfTeam } from './catalog.repository.ts';
import { benchmarkBands, type DoraReportYear } from './dora/benchmarks.rules.ts';
import type { DayRange } from './dora/deployment-frequency.rules.ts';
import { computeFourKeys } from './dora.service.ts';
import { ORG_ID } from './partitions.repository.ts';
import { dayText, periodsOf, rangeFrom } from './periods.rules.ts';
import { MS_PER_DAY } from './timestamps.rules.ts';

export const TEAM_CONTEXT_LABEL = 'Team context: outcomes of the team and its services, never a measure of one person.';
const DEFAULT_DAYS = 90;
const DRILLDOWN_LIMIT = 200;

export async function loadTeam(db: Kysely<DB>, teamId: number): Promise<{ id: number; name: string; services: { id: number; name: string }[] }> {
  const team = await db.selectFrom('teams').select(['id', 'name']).where('id', '=', teamId).executeTakeFirst();
  if (!team) throw new AppError('NOT_FOUND', { detail: `No team ${teamId}.` });
  return { ...team, services: await servicesOfTeam(db, teamId) };
}

export function requireRange(query: { from?: string | undefined; to?: string | undefined }, now: Date, days = DEFAULT_DAYS): DayRange {
  const range = rangeFrom(query, now, days);
  if ('problem' in range) throw new AppError('VALIDATION_FAILED', { detail: `The period is not valid: ${range.problem}.` });
  return range;
}

/** Teams with services mapped to them: the dashboards' choice of team, the reader's own marked. */
export async function listMetricsTeams(db: Kysely<DB>, personId: number | null = null): Promise<MetricsTeams> {
  const own = personId === null ? null : ((await db.selectFrom('people').select('team_id').where('id', '=', personId).executeTakeFirst())?.team_id ?? null);
  const rows = await db
    .selectFrom('team_services as ts')
    .innerJoin('teams as t', 't.id', 'ts.team_id')
    .innerJoin('services as s', 's.id', 'ts.service_id')
    .select(['t.id as team_id', 't.name as team_name', 's.id', 's.name'])
    .orderBy('t.name')
    .orderBy('s.name')
    .execute();
  const teams = new Map<number, MetricsTeams['teams'][number]>();
  for (const r of rows) {
    const team = teams.get(r.team_id) ?? { id: r.team_id, name: r.team_name, mine: r.team_id === own, services: [] };
    team.services.push({ id: r.id, name: r.name });
    teams.set(r.team_id, team);
  }
  return { teams: [...teams.values()] };
}

/** A team's four keys for a period with the benchmark bands and the month-by-month trend. */
export async function teamDora(db: Kysely<DB>, options: { teamId: number; query: DoraQuery; now: Date }): Promise<TeamDora> {
  const team = await loadTeam(db, options.teamId);
  const range = requireRange(options.query, options.now);
  const report = Number(options.query.report) as DoraReportYear;
  const median = options.query.median;
  const serviceIds = team.services.map((s) => s.id);
  const keys = await computeFourKeys(db, { serviceIds, range, report, median });
  const trend = [];
  for (const period of periodsOf(range, 1)) {
    trend.push({ from: dayText(period.from), to: dayText(period.to), keys: await computeFourKeys(db, { serviceIds, range: period, report, median }) });
  }
  return { team: { id: team.id, name: team.name }, services: team.services, from: dayText(range.from), to: dayText(range.to), median, keys, bands: benchmarkBands(report), trend, label: TEAM_CONTEXT_LABEL };
}

/**
 * The records behind each number of a period: the production deployments (and which failed),
 * the deployed pull requests with their lead-time parts, and the incidents with both recovery
 * measures. No list names the people who did the work: these are the team's outcomes.
 */
export async function teamDrilldown(db: Kysely<DB>, options: { teamId: number; query: { from?: string | undefined; to?: string | undefined }; now: Date }): Promise<Drilldown> {
  const team = await loadTeam(db, options.teamId);
  const range = requireRange(options.query, options.now);
  const services = team.services.map((s) => s.id);
  const from = new Date(range.from).toISOString();
  const to = new Date(range.to + MS_PER_DAY).toISOString();
  if (!services.length) return { from: dayText(range.from), to: dayText(range.to), deployments: [], changes: [], incidents: [], limit: DRILLDOWN_LIMIT };
  const [deployments, changes, incidents] = await Promise.all([
    sql<{ id: number; name: string | null; service: string; finished: Date; incident_ids: (number | string)[] | null }>`
      select f.deployment_id as id, d.name, s.name as service, f.finished,
        (select array_agg(i.id order by i.id) from incidents i where i.org_id = ${ORG_ID} and i.deployment_id = f.deployment_id) as incident_ids
      from (
        select deployment_id, service_id, max(finished_at) as finished from deployment_commits
        where org_id = ${ORG_ID} and result = 'SUCCESS' and environment = 'PRODUCTION' and finished_at is not null
          and deployment_id in (
            select deployment_id from deployment_commits where org_id = ${ORG_ID} and service_id = any(${services}::int[])
              and finished_at >= ${from}::timestamptz and finished_at < ${to}::timestamptz)
        group by deployment_id, service_id
      ) f
      join deployments d on d.org_id = ${ORG_ID} and d.id = f.deployment_id
      join services s on s.id = f.service_id
      where f.finished >= ${from}::timestamptz and f.finished < ${to}::timestamptz
      order by f.finished desc, f.deployment_id desc limit ${DRILLDOWN_LIMIT}`.execute(db),
    sql<{ id: number; number: string | null; title: string | null; repository: string; deployment_id: number; deployed_at: Date; cycle_minutes: number; coding_minutes: number | null; pickup_minutes: number | null; review_minutes: number | null; deploy_minutes: number | null }>`
      select pr.id, pr.number, pr.title, r.name as repository, p.deployment_id, p.deployed_at, p.cycle_minutes, p.coding_minutes, p.pickup_minutes, p.review_minutes, p.deploy_minutes
      from pr_deployments p
      join pull_requests pr on pr.org_id = p.org_id and pr.id = p.pull_request_id
      join repositories r on r.id = pr.repository_id
      where p.org_id = ${ORG_ID} and p.service_id = any(${services}::int[]) and p.deployed_at >= ${from}::timestamptz and p.deployed_at < ${to}::timestamptz
      order by p.deployed_at desc, pr.id desc limit ${DRILLDOWN_LIMIT}`.execute(db),
    sql<{ id: number; title: string | null; severity: string | null; service: string | null; created_at: Date; resolved_at: Date | null; deployment_id: number | null; restore: number | null; recovery: number | null }>`
      select i.id, i.title, i.severity, s.name as service, i.created_at, i.resolved_at, i.deployment_id,
        coalesce(i.lead_time_minutes, trunc(extract(epoch from i.resolved_at - i.created_at) / 60)::int) as restore,
        trunc(extract(epoch from i.resolved_at - i.deployment_finished_at) / 60)::int as recovery
      from incidents i left join services s on s.id = i.service_id
      where i.org_id = ${ORG_ID} and i.service_id = any(${services}::int[])
        and ((i.created_at >= ${from}::timestamptz and i.created_at < ${to}::timestamptz) or (i.resolved_at >= ${from}::timestamptz and i.resolved_at < ${to}::timestamptz))
      order by i.created_at desc, i.id desc limit ${DRILLDOWN_LIMIT}`.execute(db),
  ]);
  return {
    from: dayText(range.from),
    to: dayText(range.to),
    // Number(): the pg driver parses single int8 values but hands bigint arrays over as text.
    deployments: deployments.rows.map((d) => ({ id: d.id, name: d.name, service: d.service, finishedAt: d.finished.toISOString(), failed: (d.incident_ids ?? []).length > 0, incidentIds: (d.incident_ids ?? []).map(Number) })),
    changes: changes.rows.map((c) => ({
      pullRequestId: c.id, number: c.number, title: c.title, repository: c.repository, deploymentId: c.deployment_id, deployedAt: c.deployed_at.toISOString(),
      cycleMinutes: c.cycle_minutes, codingMinutes: c.coding_minutes, pickupMinutes: c.pickup_minutes, reviewMinutes: c.review_minutes, deployMinutes: c.deploy_minutes,
    })),
    incidents: incidents.rows.map((i) => ({
      id: i.id, title: i.title, severity: i.severity, service: i.service, createdAt: i.created_at.toISOString(), resolvedAt: i.resolved_at?.toISOString() ?? null,
      deploymentId: i.deployment_id, restoreMinutes: i.resolved_at ? i.restore : null, recoveryMinutes: i.resolved_at && i.deployment_id !== null ? i.recovery : null,
    })),
    limit: DRILLDOWN_LIMIT,
  };
}
