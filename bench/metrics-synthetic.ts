import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { ensureMonthPartitions } from '../src/metrics/partitions.repository.ts';

/**
 * A synthetic project for `npm run bench -- metrics`, written straight into the event and derived
 * tables with generate_series (generating it through ingestion would take hours and is not what
 * is measured). Ten years of one service in one repository, all of it deterministic:
 * - commits k = 1..C on one linear history, evenly spaced; the graph row of each names its parent;
 * - deployment i = 1..D deploys commit k = (C/D)·i, finishing evenly spaced; each (but the first)
 *   adds the C/D commits after the previous one (its stored diff);
 * - pull request j = 1..P merges commit k = (C/P)·j, opened up to three days earlier; it ships with
 *   the deployment holding that commit, which gives its lead time;
 * - incident j = 1..I starts 7 minutes after a slot and is blamed on the deployment before it;
 *   it is resolved 5 to 604 minutes later.
 */
export interface SyntheticSize {
  deployments: number;
  commits: number;
  pullRequests: number;
  incidents: number;
}

export const FULL_SIZE: SyntheticSize = { deployments: 1_000_000, commits: 5_000_000, pullRequests: 500_000, incidents: 100_000 };
export const START = '2015-01-01T00:00:00Z';
export const SPAN_SECONDS = 3652 * 86_400;
export const SERVICE_ID = 1;
export const REPOSITORY_ID = 1;

export function scaled(scale: number): SyntheticSize {
  const round = (n: number) => Math.max(10, Math.round(n * scale));
  return { deployments: round(FULL_SIZE.deployments), commits: round(FULL_SIZE.commits), pullRequests: round(FULL_SIZE.pullRequests), incidents: round(FULL_SIZE.incidents) };
}

/** Fills the tables; returns seconds per step. */
export async function generateProject(db: Kysely<DB>, size: SyntheticSize, log: (text: string) => void): Promise<Record<string, number>> {
  const perDeployment = Math.floor(size.commits / size.deployments);
  const perPr = Math.floor(size.commits / size.pullRequests);
  const commitStep = SPAN_SECONDS / size.commits;
  const deployStep = SPAN_SECONDS / size.deployments;
  const incidentStep = SPAN_SECONDS / size.incidents;
  const timings: Record<string, number> = {};
  const step = async (name: string, run: () => Promise<unknown>) => {
    const started = performance.now();
    await run();
    timings[name] = Number(((performance.now() - started) / 1000).toFixed(2));
    log(`generated ${name} in ${timings[name]} s`);
  };
  // Parameters typed as float8: `k * $1` would make PostgreSQL guess integer from k.
  const float = (n: number) => sql`${n}::float8`;
  const at = (seconds: ReturnType<typeof sql>) => sql`(${START}::timestamptz + make_interval(secs => ${seconds}))`;

  await db.insertInto('services').values({ id: SERVICE_ID, name: 'synthetic' } as never).execute();
  await db.insertInto('repositories').values({ id: REPOSITORY_ID, key: 'github.com/synthetic/monolith', name: 'monolith' } as never).execute();
  await db.insertInto('service_repositories').values({ service_id: SERVICE_ID, repository_id: REPOSITORY_ID }).execute();
  const months: number[] = [];
  for (let m = 0; m < 12 * 10 + 2; m++) months.push(Date.UTC(2015, m, 1));
  for (const table of ['commits', 'deployments', 'pull_requests', 'incidents'] as const) await ensureMonthPartitions(db, table, months);

  await step('commit_graph', () =>
    sql`insert into commit_graph (org_id, repository_id, sha, parent_shas, generation)
      select 1, ${REPOSITORY_ID}, 'c' || k, case when k = 1 then '{}'::text[] else array['c' || (k - 1)] end, k
      from generate_series(1::int, ${size.commits}::int) k`.execute(db),
  );
  await step('commits', () =>
    sql`insert into commits (org_id, repository_id, sha, author_name, author_email, authored_at, committer_email, committed_at, additions, deletions, files_changed, subject, occurred_at)
      select 1, ${REPOSITORY_ID}, 'c' || k, 'Dev ' || (k % 40), 'dev' || (k % 40) || '@synthetic.test', t - interval '20 minutes', 'ci@synthetic.test', t, k % 97, k % 13, 1 + k % 3, 'change ' || k, t
      from (select k, ${at(sql`k * ${float(commitStep)}`)} as t from generate_series(1::int, ${size.commits}::int) k) c`.execute(db),
  );
  await step('deployments', () =>
    sql`insert into deployments (id, org_id, service_id, source, external_id, name, environment, result, started_at, finished_at, occurred_at)
      select i, 1, ${SERVICE_ID}, 'ci', 'd' || lpad(i::text, 8, '0'), 'deploy ' || i, 'PRODUCTION', 'SUCCESS', t - interval '4 minutes', t, t - interval '4 minutes'
      from (select i, ${at(sql`i * ${float(deployStep)}`)} as t from generate_series(1::int, ${size.deployments}::int) i) d`.execute(db),
  );
  await step('deployment_commits', () =>
    sql`insert into deployment_commits (org_id, deployment_id, deployment_key, repository_id, service_id, commit_sha, environment, result, started_at, finished_at, prev_deployment_id)
      select 1, i, 'd' || lpad(i::text, 8, '0'), ${REPOSITORY_ID}, ${SERVICE_ID}, 'c' || (i * ${perDeployment}), 'PRODUCTION', 'SUCCESS', t - interval '4 minutes', t, nullif(i - 1, 0)
      from (select i, ${at(sql`i * ${float(deployStep)}`)} as t from generate_series(1::int, ${size.deployments}::int) i) d`.execute(db),
  );
  await step('deployment_diffs', () =>
    sql`insert into deployment_diffs (org_id, deployment_id, repository_id, commit_sha)
      select 1, (k + ${perDeployment} - 1) / ${perDeployment}, ${REPOSITORY_ID}, 'c' || k
      from generate_series(${perDeployment + 1}::int, ${size.deployments * perDeployment}::int) k`.execute(db),
  );
  await step('pull_requests', () =>
    sql`insert into pull_requests (id, org_id, repository_id, external_id, number, title, author, state, created_at, merged_at, closed_at, merge_commit_sha, occurred_at)
      select j, 1, ${REPOSITORY_ID}, 'pr' || j, j::text, 'Change ' || j, 'dev' || (j % 40) || '@synthetic.test', 'merged', merged - make_interval(mins => (60 + (j::bigint * 7919) % 4320)::int), merged, merged, 'c' || (j * ${perPr}),
        merged - make_interval(mins => (60 + (j::bigint * 7919) % 4320)::int)
      from (select j, ${at(sql`j * ${perPr} * ${float(commitStep)}`)} as merged from generate_series(1::int, ${size.pullRequests}::int) j) p`.execute(db),
  );
  await step('pr_deployments', () =>
    sql`insert into pr_deployments (org_id, pull_request_id, service_id, deployment_id, merge_commit_sha, first_commit_sha, coding_minutes, deploy_minutes, cycle_minutes, created_at, merged_at, deployed_at)
      select 1, pr.id, ${SERVICE_ID}, dc.deployment_id, pr.merge_commit_sha, null, 30 + pr.id % 600,
        ceil(extract(epoch from dc.finished_at - pr.merged_at) / 60)::int,
        (30 + pr.id % 600) + ceil(extract(epoch from dc.finished_at - pr.created_at) / 60)::int, pr.created_at, pr.merged_at, dc.finished_at
      from pull_requests pr
      join deployment_commits dc on dc.org_id = 1 and dc.deployment_id = (pr.id * ${perPr} + ${perDeployment} - 1) / ${perDeployment}
      where pr.id * ${perPr} > ${perDeployment}`.execute(db),
  );
  // Blamed on the latest deployment that finished before it; that deployment's finish is copied
  // from its row so both computations read the very same instant.
  await step('incidents', () =>
    sql`insert into incidents (id, org_id, service_id, source, external_id, title, severity, status, created_at, resolved_at, deployment_id, deployment_finished_at, occurred_at)
      select i.j, 1, ${SERVICE_ID}, 'pd', 'inc' || i.j, 'Incident ' || i.j, 'SEV' || (1 + i.j % 3), 'resolved', i.created, i.created + make_interval(mins => 5 + (i.j * 37) % 600),
        dc.deployment_id, dc.finished_at, i.created
      from (select j, ${at(sql`j * ${float(incidentStep)} - ${float(incidentStep)} + 420`)} as created from generate_series(1::int, ${size.incidents}::int) j) i
      left join deployment_commits dc on dc.org_id = 1
        and dc.deployment_id = floor(extract(epoch from i.created - ${START}::timestamptz) / ${float(deployStep)})::bigint
        and dc.finished_at < i.created`.execute(db),
  );
  for (const sequence of ['deployments', 'pull_requests', 'incidents']) {
    await sql`select setval(${`${sequence}_id_seq`}, (select max(id) from ${sql.table(sequence)}))`.execute(db);
  }
  await step('analyze', () => sql`analyze`.execute(db));
  return timings;
}
