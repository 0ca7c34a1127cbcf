import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';

/**
 * The baseline of `npm run bench -- metrics`: the four keys as DevLake's DORA dashboard computes
 * them, its panel SQL (grafana/dashboards/DORA.json, 2023 report) ported from MySQL to
 * PostgreSQL and pointed at the same tables Highbar reads: deployments folded from deployment
 * commits on every query, a calendar of days for the week and month medians, `percent_rank()`
 * medians, and the incident links joined in. It returns the same numbers as Highbar (the
 * benchmark checks that), only computed from the raw rows each time.
 */
export interface BaselineKeys {
  deployments: number;
  deployDays: number;
  medianDeployDaysPerWeek: number | null;
  medianDeployDaysPerMonth: number | null;
  leadTimeChanges: number;
  leadTimeMedianMinutes: number | null;
  failedDeployments: number;
  recoveryIncidents: number;
  recoveryMedianMinutes: number | null;
}

export async function devLakeDashboardSql(db: Kysely<DB>, options: { serviceId: number; from: string; to: string }): Promise<BaselineKeys> {
  const { serviceId, from, to } = options;
  // [from, to + 1 day) in UTC, as the dashboard's $__timeFilter over whole days.
  const deployments = sql`
    _deployments as (
      select deployment_id, max(finished_at) as finished from deployment_commits
      where org_id = 1 and service_id = ${serviceId} and result = 'SUCCESS' and environment = 'PRODUCTION' and finished_at is not null
      group by deployment_id
      having max(finished_at) >= ${from}::date::timestamp at time zone 'UTC' and max(finished_at) < (${to}::date + 1)::timestamp at time zone 'UTC'
    )`;
  const frequency = await sql<{ deployments: number; deploy_days: number; week_median: number | null; month_median: number | null }>`
    with ${deployments},
    calendar as (select d::date as day from generate_series(${from}::date, ${to}::date, interval '1 day') d),
    deploy_days as (select distinct (finished at time zone 'UTC')::date as day from _deployments),
    weekly as (select date_trunc('week', c.day) as week, count(dd.day) as days from calendar c left join deploy_days dd on dd.day = c.day group by 1),
    monthly as (select date_trunc('month', c.day) as month, count(dd.day) as days from calendar c left join deploy_days dd on dd.day = c.day group by 1),
    weekly_ranks as (select days, percent_rank() over (order by days) as r from weekly),
    monthly_ranks as (select days, percent_rank() over (order by days) as r from monthly)
    select (select count(*) from _deployments)::int as deployments, (select count(*) from deploy_days)::int as deploy_days,
      (select max(days) from weekly_ranks where r <= 0.5)::int as week_median, (select max(days) from monthly_ranks where r <= 0.5)::int as month_median`.execute(db);
  const lead = await sql<{ changes: number; median: number | null }>`
    with _pr_stats as (
      select p.cycle_minutes from pr_deployments p
      join pull_requests pr on pr.org_id = p.org_id and pr.id = p.pull_request_id
      join deployment_commits dc on dc.org_id = p.org_id and dc.deployment_id = p.deployment_id
      where p.org_id = 1 and p.service_id = ${serviceId} and pr.merged_at is not null
        and dc.finished_at >= ${from}::date::timestamp at time zone 'UTC' and dc.finished_at < (${to}::date + 1)::timestamp at time zone 'UTC'
    ), ranks as (select cycle_minutes, percent_rank() over (order by cycle_minutes) as r from _pr_stats)
    select (select count(*) from _pr_stats)::int as changes, (select max(cycle_minutes) from ranks where r <= 0.5) as median`.execute(db);
  const failures = await sql<{ failed: number }>`
    with ${deployments},
    _failure_caused_by_deployments as (
      select d.deployment_id, count(i.id) as incidents from _deployments d left join incidents i on i.org_id = 1 and i.deployment_id = d.deployment_id group by d.deployment_id
    )
    select count(*) filter (where incidents > 0)::int as failed from _failure_caused_by_deployments`.execute(db);
  const recovery = await sql<{ incidents: number; median: number | null }>`
    with ${deployments},
    _incidents_for_deployments as (
      select trunc(extract(epoch from i.resolved_at - d.finished) / 60)::int as minutes
      from incidents i join _deployments d on d.deployment_id = i.deployment_id
      where i.org_id = 1 and i.resolved_at >= ${from}::date::timestamp at time zone 'UTC' and i.resolved_at < (${to}::date + 1)::timestamp at time zone 'UTC'
    ), ranks as (select minutes, percent_rank() over (order by minutes) as r from _incidents_for_deployments)
    select (select count(*) from _incidents_for_deployments)::int as incidents, (select max(minutes) from ranks where r <= 0.5) as median`.execute(db);
  const f = frequency.rows[0]!;
  return {
    deployments: f.deployments,
    deployDays: f.deploy_days,
    medianDeployDaysPerWeek: f.week_median,
    medianDeployDaysPerMonth: f.month_median,
    leadTimeChanges: lead.rows[0]!.changes,
    leadTimeMedianMinutes: lead.rows[0]!.median,
    failedDeployments: failures.rows[0]!.failed,
    recoveryIncidents: recovery.rows[0]!.incidents,
    recoveryMedianMinutes: recovery.rows[0]!.median,
  };
}
