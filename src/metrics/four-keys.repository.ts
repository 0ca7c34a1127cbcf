import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DoraReportYear } from './dora/benchmarks.rules.ts';
import type { DayRange } from './dora/deployment-frequency.rules.ts';
import { MS_PER_DAY } from './timestamps.rules.ts';
import { ORG_ID } from './partitions.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** What the four keys need, read from the derived tables in four small queries. */
export interface StoredFacts {
  /** Production deployments per UTC day of the range. */
  perDay: Map<string, number>;
  failures: { deployments: number; failed: number } | null;
  leadTimes: number[];
  recoveries: number[] | null;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The facts of DevLake's DORA dashboard for a set of services, from the daily rollup, the
 * per-PR lead times and the incident links that ingestion keeps up to date. A team of several
 * services counts a pull request once, at its first deployment. Without any incident in the
 * organisation the failure rate and recovery are unknown (DevLake: "N/A").
 */
export async function loadStoredFacts(db: Db, options: { serviceIds: readonly number[]; range: DayRange; report: DoraReportYear }): Promise<StoredFacts> {
  const services = [...options.serviceIds];
  if (!services.length) return { perDay: new Map(), failures: null, leadTimes: [], recoveries: null };
  const from = new Date(options.range.from).toISOString();
  const to = new Date(options.range.to + MS_PER_DAY).toISOString();
  const leadQuery =
    services.length === 1
      ? sql<{ values: number[] | null }>`select array_agg(cycle_minutes) as values from pr_deployments
          where org_id = ${ORG_ID} and service_id = ${services[0]} and deployed_at >= ${from}::timestamptz and deployed_at < ${to}::timestamptz`
      : sql<{ values: number[] | null }>`select array_agg(cycle_minutes) as values from (
          select distinct on (pull_request_id) cycle_minutes, deployed_at from pr_deployments
          where org_id = ${ORG_ID} and service_id = any(${services}::int[]) order by pull_request_id, deployed_at) p
          where deployed_at >= ${from}::timestamptz and deployed_at < ${to}::timestamptz`;
  const recoveryQuery =
    options.report === 2021
      ? sql<{ values: number[] | null }>`select array_agg(coalesce(lead_time_minutes, trunc(extract(epoch from resolved_at - created_at) / 60)::int)) as values
          from incidents where org_id = ${ORG_ID} and service_id = any(${services}::int[]) and resolved_at >= ${from}::timestamptz and resolved_at < ${to}::timestamptz`
      : sql<{ values: number[] | null }>`select array_agg(trunc(extract(epoch from resolved_at - deployment_finished_at) / 60)::int) as values
          from incidents where org_id = ${ORG_ID} and service_id = any(${services}::int[]) and deployment_id is not null
            and deployment_finished_at >= ${from}::timestamptz and deployment_finished_at < ${to}::timestamptz
            and resolved_at >= ${from}::timestamptz and resolved_at < ${to}::timestamptz`;
  const [days, lead, any, recovery] = await Promise.all([
    sql<{ day: string; deployments: number; failed: number }>`
      select day::text as day, sum(deployments)::int as deployments, sum(failed)::int as failed from deployment_days
      where org_id = ${ORG_ID} and service_id = any(${services}::int[]) and day >= ${day(options.range.from)}::date and day <= ${day(options.range.to)}::date
      group by day`.execute(db),
    leadQuery.execute(db),
    sql<{ any: boolean }>`select exists (select 1 from incidents where org_id = ${ORG_ID}) as any`.execute(db),
    recoveryQuery.execute(db),
  ]);
  const perDay = new Map(days.rows.map((r) => [r.day, r.deployments]));
  const hasIncidents = any.rows[0]?.any ?? false;
  const totals = days.rows.reduce((t, r) => ({ deployments: t.deployments + r.deployments, failed: t.failed + r.failed }), { deployments: 0, failed: 0 });
  return {
    perDay,
    failures: hasIncidents ? totals : null,
    leadTimes: lead.rows[0]?.values ?? [],
    recoveries: hasIncidents ? (recovery.rows[0]?.values ?? []) : null,
  };
}
