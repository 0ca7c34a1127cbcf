/**
 * `npm run bench -- metrics`: engineering metrics at scale, each figure with an in-run baseline.
 * 1. Ingest: `highbar ingest git` (in process) over a generated history of 50,000+ commits
 *    (`git fast-import`), against `git log` printing the same fields with the same options: the
 *    ceiling, since ingestion cannot read faster than git writes.
 * 2. Four keys: a synthetic project of 1,000,000 deployments, 5,000,000 commits, 500,000 pull
 *    requests and 100,000 incidents (bench/metrics-synthetic.ts); Highbar's computation from its
 *    derived tables against DevLake's dashboard SQL over the same tables (bench/metrics-devlake-sql.ts),
 *    for the whole ten years and for the last 90 days; both must give the same numbers.
 * 3. Update: one new deployment arriving (through the incremental path a webhook takes) on top of
 *    that project, then the four keys again.
 * Targets: a PostgreSQL server at full size, embedded PGlite scaled down (`--pglite-scale`). One
 * JSON document on stdout; progress on stderr.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { computeFourKeys } from '../src/metrics/dora.service.ts';
import { rebuildDeploymentDays } from '../src/metrics/derive.repository.ts';
import { upsertPullRequests, writeCommitGraph } from '../src/metrics/events.repository.ts';
import { ingestGitRepository } from '../src/metrics/ingest-git.service.ts';
import { storeEventBatch } from '../src/metrics/store-events.service.ts';
import { parseDay } from '../src/metrics/timestamps.rules.ts';
import { devLakeDashboardSql, type BaselineKeys } from './metrics-devlake-sql.ts';
import { generateProject, REPOSITORY_ID, scaled, SERVICE_ID, SPAN_SECONDS, START, type SyntheticSize } from './metrics-synthetic.ts';
import { serverDatabases } from './server-databases.ts';

type Target = 'postgres' | 'pglite';
const { values: options } = parseArgs({
  options: {
    targets: { type: 'string', default: 'postgres,pglite' },
    parts: { type: 'string', default: 'ingest,keys' },
    commits: { type: 'string', default: '50000' },
    scale: { type: 'string', default: '1' },
    'pglite-scale': { type: 'string', default: '0.02' },
    updates: { type: 'string', default: '7' },
    runs: { type: 'string', default: '3' },
  },
});
const targets = options.targets.split(',') as Target[];
const parts = options.parts.split(',');
const serverUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
if (targets.includes('postgres') && !serverUrl) throw new Error('The postgres target needs DATABASE_URL or TEST_DATABASE_URL (scripts/bench.ts starts a server when neither is set).');
const log = (text: string) => process.stderr.write(`bench metrics: ${text}\n`);
const servers = serverDatabases(serverUrl, log);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'highbar-bench-metrics-'));
const round = (n: number, digits = 3) => Number(n.toFixed(digits));
const seconds = (started: number) => (performance.now() - started) / 1000;
// The generated repository, shared by both targets (set by the first ingest run).
let repository: { dir: string; commits: number } | null = null;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

try {
  const results: Record<string, unknown>[] = [];
  for (const target of targets) {
    if (parts.includes('ingest')) results.push(await benchIngest(target));
    if (parts.includes('keys')) results.push(await benchKeys(target));
  }
  process.stdout.write(`${JSON.stringify({ benchmark: 'metrics', date: new Date().toISOString(), machine: await describeMachine(), options, results }, null, 2)}\n`);
} finally {
  await servers.dropAll();
  if (!process.env.HIGHBAR_BENCH_KEEP) fs.rmSync(work, { recursive: true, force: true });
}

async function freshDatabase(target: Target, name: string): Promise<Database> {
  const database =
    target === 'postgres'
      ? await openDatabase({ kind: 'server', url: await servers.create(`highbar_bench_${process.pid}_${name}`), poolSize: 4 })
      : await openDatabase({ kind: 'embedded', dataDir: fs.mkdtempSync(path.join(work, `pglite-${name}-`)) });
  await migrateToLatest(database.db);
  return database;
}

/** A linear history with a merge every 50 commits, 1-3 files changed each, a tag every 500. */
function generateRepository(commits: number): string {
  const dir = path.join(work, 'repo');
  fs.mkdirSync(dir);
  execFileSync('git', ['init', '-q', '--bare', dir]);
  const lines: string[] = [];
  const t0 = Date.parse('2020-01-01T00:00:00Z') / 1000;
  let mark = 0;
  let previous = 0;
  for (let i = 1; i <= commits; i++) {
    const at = t0 + i * 600;
    let side = 0;
    if (i % 50 === 0 && previous) {
      // A side commit off the last main commit, merged by this one.
      side = ++mark;
      lines.push('commit refs/heads/side', `mark :${side}`, `author Side Dev <side@bench.test> ${at - 300} +0000`, `committer Side Dev <side@bench.test> ${at - 300} +0000`, 'data 4', 'side', `from :${previous}`, `M 100644 inline side/${i}.txt`, 'data 5', 'side\n');
    }
    const own = ++mark;
    lines.push('commit refs/heads/main', `mark :${own}`, `author Dev ${i % 40} <dev${i % 40}@bench.test> ${at} +0000`, `committer Dev ${i % 40} <dev${i % 40}@bench.test> ${at} +0000`);
    const message = `change ${i}`;
    lines.push(`data ${Buffer.byteLength(message)}`, message);
    if (previous) lines.push(`from :${previous}`);
    if (side) lines.push(`merge :${side}`);
    for (let f = 0; f <= i % 3; f++) {
      const content = `line ${i}\n`.repeat(1 + ((i + f) % 5));
      lines.push(`M 100644 inline src/file${(i * 7 + f) % 997}.txt`, `data ${Buffer.byteLength(content)}`, content);
    }
    if (i % 500 === 0) lines.push(`reset refs/tags/v${i / 500}`, `from :${own}`);
    previous = own;
  }
  execFileSync('git', ['-C', dir, 'fast-import', '--quiet'], { input: `${lines.join('\n')}\n`, maxBuffer: 1 << 30 });
  return dir;
}

async function benchIngest(target: Target) {
  const commits = Number(options.commits);
  if (!repository) {
    const started = performance.now();
    repository = { dir: generateRepository(commits), commits: Number(execFileSync('git', ['-C', path.join(work, 'repo'), 'rev-list', '--all', '--count']).toString().trim()) };
    log(`generated a repository of ${repository.commits} commits in ${seconds(started).toFixed(1)} s`);
  }
  const ceiling = [];
  for (let run = 0; run < 2; run++) ceiling.push(await gitLogCeiling(repository.dir));
  const ceilingSeconds = Math.min(...ceiling);
  const database = await freshDatabase(target, 'ingest');
  try {
    const started = performance.now();
    const summary = await ingestGitRepository(database.db, { dir: repository.dir, service: 'bench', releaseTags: 'v*', repository: 'github.com/bench/repo', embedded: target === 'pglite' });
    const ingestSeconds = seconds(started);
    const again = performance.now();
    await ingestGitRepository(database.db, { dir: repository.dir, service: 'bench', releaseTags: 'v*', repository: 'github.com/bench/repo', embedded: target === 'pglite' });
    const rerunSeconds = seconds(again);
    const result = {
      part: 'ingest', target, commits: summary.commits, releases: summary.releases,
      seconds: round(ingestSeconds), commitsPerSecond: Math.round(summary.commits / ingestSeconds),
      gitLogSeconds: round(ceilingSeconds), gitLogCommitsPerSecond: Math.round(repository.commits / ceilingSeconds),
      shareOfCeiling: round(ceilingSeconds / ingestSeconds, 2), rerunSecondsNothingNew: round(rerunSeconds),
    };
    log(`${target}: ingested ${summary.commits} commits in ${result.seconds} s (${result.commitsPerSecond}/s; git log ${result.gitLogCommitsPerSecond}/s; ${Math.round(result.shareOfCeiling * 100)}% of the ceiling)`);
    return result;
  } finally {
    await database.close();
  }
}

/** `git log` with exactly the arguments ingestion uses, its output read and counted, no database. */
function gitLogCeiling(dir: string): Promise<number> {
  const format = '%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%at%x1f%ce%x1f%ct%x1f%s';
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('git', ['-C', dir, 'log', '--all', '--topo-order', '--reverse', '--numstat', '--no-renames', `--format=${format}`, '--'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let records = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      for (const byte of chunk) if (byte === 0x1e) records++;
    });
    child.on('error', reject);
    child.on('close', () => (records ? resolve(seconds(started)) : reject(new Error('git log printed nothing'))));
  });
}

async function benchKeys(target: Target) {
  const scale = Number(target === 'postgres' ? options.scale : options['pglite-scale']);
  const size = scaled(scale);
  const database = await freshDatabase(target, 'keys');
  try {
    log(`${target}: generating ${JSON.stringify(size)} (scale ${scale})`);
    const generation = await generateProject(database.db, size, (text) => log(`${target}: ${text}`));
    const rollupStarted = performance.now();
    await rebuildDeploymentDays(database.db, SERVICE_ID, 'all');
    const rollupSeconds = seconds(rollupStarted);
    const end = new Date(Date.parse(START) + SPAN_SECONDS * 1000 - 1);
    const lastDay = end.toISOString().slice(0, 10);
    const ranges = { all: { from: '2015-01-01', to: lastDay }, last90: { from: new Date(end.getTime() - 89 * 86_400_000).toISOString().slice(0, 10), to: lastDay } };
    const keys: Record<string, unknown> = {};
    for (const [name, range] of Object.entries(ranges)) keys[name] = await compareKeys(database, range);
    const update = await benchUpdate(database, size, ranges.last90);
    return { part: 'keys', target, scale, size, generationSeconds: generation, rollupBuildSeconds: round(rollupSeconds), keys, update, peakRssMiB: round(process.resourceUsage().maxRSS / 1024, 1) };
  } finally {
    await database.close();
  }
}

async function compareKeys(database: Database, range: { from: string; to: string }) {
  const query = { serviceIds: [SERVICE_ID], range: { from: parseDay(range.from)!, to: parseDay(range.to)! }, report: 2023 as const, median: 'lower' as const };
  const ours: number[] = [];
  const theirs: number[] = [];
  let highbar = await computeFourKeys(database.db, query);
  let baseline: BaselineKeys | null = null;
  for (let run = 0; run < Number(options.runs); run++) {
    const rssBefore = process.memoryUsage().rss;
    let started = performance.now();
    highbar = await computeFourKeys(database.db, query);
    ours.push(seconds(started));
    const rssAfter = process.memoryUsage().rss;
    started = performance.now();
    baseline = await devLakeDashboardSql(database.db, { serviceId: SERVICE_ID, ...range });
    theirs.push(seconds(started));
    log(`${range.from}..${range.to}: Highbar ${ours.at(-1)!.toFixed(3)} s, DevLake SQL ${theirs.at(-1)!.toFixed(3)} s (rss +${((rssAfter - rssBefore) / 2 ** 20).toFixed(0)} MiB)`);
  }
  const same = {
    deployments: highbar.deploymentFrequency.deployments === baseline!.deployments,
    deployDays: highbar.deploymentFrequency.deployDays === baseline!.deployDays,
    weekMedian: highbar.deploymentFrequency.medianDeployDaysPerWeek === baseline!.medianDeployDaysPerWeek,
    monthMedian: highbar.deploymentFrequency.medianDeployDaysPerMonth === baseline!.medianDeployDaysPerMonth,
    leadTime: highbar.leadTime.changes === baseline!.leadTimeChanges && highbar.leadTime.medianMinutes === baseline!.leadTimeMedianMinutes,
    failures: highbar.changeFailureRate?.failedDeployments === baseline!.failedDeployments,
    recovery: highbar.recovery?.incidents === baseline!.recoveryIncidents && highbar.recovery?.medianMinutes === baseline!.recoveryMedianMinutes,
  };
  if (!Object.values(same).every(Boolean)) log(`MISMATCH ${JSON.stringify({ highbar, baseline })}`);
  return {
    range,
    highbarSeconds: round(median(ours)),
    devLakeSqlSeconds: round(median(theirs)),
    speedup: round(median(theirs) / median(ours), 1),
    sameNumbers: same,
    keys: { deployments: highbar.deploymentFrequency.deployments, leadTimeMedianMinutes: highbar.leadTime.medianMinutes, failedDeployments: highbar.changeFailureRate?.failedDeployments, recoveryMedianMinutes: highbar.recovery?.medianMinutes },
  };
}

/**
 * New deployments one at a time at the head of the history: five new commits each (one merging a
 * pull request), then the deployment through the incremental path, then the four keys again.
 */
async function benchUpdate(database: Database, size: SyntheticSize, range: { from: string; to: string }) {
  const perDeployment = Math.floor(size.commits / size.deployments);
  const updates: number[] = [];
  const recompute: number[] = [];
  const finishBase = Date.parse(START) + SPAN_SECONDS * 1000;
  for (let u = 1; u <= Number(options.updates); u++) {
    const first = size.commits + (u - 1) * perDeployment + 1;
    const shas = Array.from({ length: perDeployment }, (_, i) => `c${first + i}`);
    const finished = finishBase + u * 300_000;
    await database.db.transaction().execute(async (trx) => {
      await writeCommitGraph(trx, REPOSITORY_ID, shas.map((sha, i) => ({ sha, parents: [i === 0 ? `c${first - 1}` : shas[i - 1]!] })), { parentsFirst: true });
      await upsertPullRequests(trx, [{ repository: 'github.com/synthetic/monolith', repositoryId: REPOSITORY_ID, externalId: `new-pr-${u}`, number: null, title: 'New change', author: 'dev1@synthetic.test', state: 'merged', createdAt: finished - 7_200_000, mergedAt: finished - 600_000, closedAt: null, mergeCommitSha: shas[1]!, headSha: null, commits: [], comments: [] }]);
    });
    const started = performance.now();
    await database.db.transaction().execute((trx) =>
      storeEventBatch(
        trx,
        { deployments: [{ source: 'ci', externalId: `new-${u}`, service: 'synthetic', name: 'new', environment: 'PRODUCTION', result: 'SUCCESS', createdAt: finished - 240_000, startedAt: finished - 240_000, finishedAt: finished, commits: [{ repository: 'github.com/synthetic/monolith', commitSha: shas.at(-1)! }] }] },
        { mode: 'incremental', context: 'bench' },
      ),
    );
    updates.push(seconds(started) * 1000);
    const keysStarted = performance.now();
    const keys = await computeFourKeys(database.db, { serviceIds: [SERVICE_ID], range: { from: parseDay(range.from)!, to: parseDay(range.to)! + 86_400_000 }, report: 2023, median: 'lower' });
    recompute.push(seconds(keysStarted) * 1000);
    if (u === Number(options.updates)) log(`after ${u} new deployments: ${keys.deploymentFrequency.deployments} deployments, lead time median ${keys.leadTime.medianMinutes} min`);
  }
  const shipped = await sql<{ n: number }>`select count(*)::int as n from pr_deployments p join pull_requests pr on pr.id = p.pull_request_id where pr.external_id like 'new-pr-%'`.execute(database.db);
  log(`update: median ${median(updates).toFixed(1)} ms to place a deployment, ${median(recompute).toFixed(1)} ms for the four keys after it`);
  return { deployments: updates.length, placeMs: updates.map((m) => round(m, 1)), medianPlaceMs: round(median(updates), 1), medianFourKeysAfterMs: round(median(recompute), 1), newPullRequestsWithLeadTime: shipped.rows[0]!.n };
}

async function describeMachine() {
  const cpus = os.cpus();
  const server = serverUrl && targets.includes('postgres') ? await servers.withServer((c) => c.query<{ v: string }>("select current_setting('server_version') as v")) : null;
  return { cpus: cpus.length, cpuModel: cpus[0]?.model ?? 'unknown', memoryGiB: round(os.totalmem() / 2 ** 30, 1), node: process.version, git: execFileSync('git', ['--version']).toString().trim(), postgres: server?.rows[0]?.v ?? null };
}
