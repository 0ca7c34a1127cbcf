/**
 * `npm run bench -- import`: times `highbar import people` as a user runs it (a child process of
 * the real CLI) on embedded PGlite and on a PostgreSQL server, for generated exports of 10,000 and
 * 100,000 people, then re-imports each file unchanged. Each figure comes with an in-run baseline,
 * a bare multi-row INSERT of as many narrow rows through the same driver, so results from
 * different machines compare as ratios. One JSON document on stdout; progress on stderr.
 */
import { serverDatabases } from './server-databases.ts';
import { benchServerUrl, describeBenchMachine, type Place } from './bench-support.ts';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { generatePeopleExport } from '../src/people/demo-org.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin/highbar.js');
const SEED = 2026;
const CHILD_TIMEOUT_MS = 30 * 60_000;
const BASELINE_BATCH = 1000;
// The child reports its own peak resident set size on exit: no dependency on /usr/bin/time.
const REPORT_RSS = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\nhighbar-bench-maxrss-kib='+process.resourceUsage().maxRSS+'\\n'))`;
const RSS_LINE = /\n?highbar-bench-maxrss-kib=(\d+)\n/u;

type Target = 'pglite' | 'postgres';
interface Result {
  target: Target;
  people: number;
  run: 'first' | 'reimport';
  seconds: number;
  peoplePerSecond: number;
  peakRssMiB: number;
  startupSeconds: number;
  baselineSeconds: number;
  ratioToBaseline: number;
  summary: { created: number; updated: number; unchanged: number; deactivated: number };
}

const { values: options } = parseArgs({
  options: { sizes: { type: 'string', default: '10000,100000' }, targets: { type: 'string', default: 'pglite,postgres' } },
});
const sizes = options.sizes.split(',').map(Number);
const targets = options.targets.split(',') as Target[];
const serverUrl = benchServerUrl(targets);

const log = (text: string) => process.stderr.write(`bench import: ${text}\n`);
const servers = serverDatabases(serverUrl, log);
const round = (n: number, digits = 3) => Number(n.toFixed(digits));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'highbar-bench-'));

try {
  const files = sizes.map((people) => {
    const started = performance.now();
    const { csv } = generatePeopleExport({ seed: SEED, people });
    const generateSeconds = (performance.now() - started) / 1000;
    const file = path.join(work, `people-${people}.csv`);
    fs.writeFileSync(file, csv);
    log(`generated ${people} people (${(csv.length / 2 ** 20).toFixed(1)} MiB) in ${generateSeconds.toFixed(2)} s`);
    return { people, file, bytes: Buffer.byteLength(csv), generateSeconds: round(generateSeconds) };
  });

  const results: Result[] = [];
  for (const target of targets) {
    for (const { people, file } of files) {
      const place = await freshPlace(target, `${people}`);
      const baselineSeconds = await timeBaselineInsert(target, people, await freshPlace(target, `${people}_baseline`));
      await runCli(['migrate'], place); // schema first, so the figures below are the import alone
      const startupSeconds = (await runCli(['migrate'], place)).seconds; // process, loader, database open
      for (const run of ['first', 'reimport'] as const) {
        log(`${target}: ${run === 'first' ? 'importing' : 're-importing'} ${people} people`);
        const child = await runCli(['import', 'people', file, '--format', 'json'], place);
        const summary = JSON.parse(child.stdout) as Result['summary'];
        const result: Result = {
          target,
          people,
          run,
          seconds: round(child.seconds),
          peoplePerSecond: Math.round(people / child.seconds),
          peakRssMiB: round(child.peakRssKiB / 1024, 1),
          startupSeconds: round(startupSeconds),
          baselineSeconds: round(baselineSeconds),
          ratioToBaseline: round(child.seconds / baselineSeconds, 1),
          summary: { created: summary.created, updated: summary.updated, unchanged: summary.unchanged, deactivated: summary.deactivated },
        };
        log(`${target}: ${people} people ${run} in ${result.seconds} s, peak RSS ${result.peakRssMiB} MiB, ${result.ratioToBaseline}x baseline`);
        results.push(result);
      }
    }
  }

  const document = {
    benchmark: 'import',
    date: new Date().toISOString(),
    machine: await describeBenchMachine(targets.includes('postgres') ? servers : null),
    seed: SEED,
    files: files.map(({ people, bytes, generateSeconds }) => ({ people, bytes, generateSeconds })),
    results,
  };
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
} finally {
  await servers.dropAll();
  if (!process.env.HIGHBAR_BENCH_KEEP) fs.rmSync(work, { recursive: true, force: true });
}

/** Where one measurement runs: an empty PGlite folder, or a new database on the server. */

async function freshPlace(target: Target, name: string): Promise<Place> {
  if (target === 'pglite') return { target, dataDir: fs.mkdtempSync(path.join(work, `pglite-${name}-`)) };
  const database = `highbar_bench_${process.pid}_${name}`;
  return { target, url: await servers.create(database) };
}

/** Runs the real CLI and measures wall time and peak memory of the whole process. */
function runCli(args: string[], place: Place): Promise<{ seconds: number; stdout: string; peakRssKiB: number }> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  if (place.target === 'postgres') env.DATABASE_URL = place.url;
  const placeArgs = place.target === 'pglite' ? ['--data', place.dataDir] : [];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', REPORT_RSS, CLI, ...args, ...placeArgs], { cwd: ROOT, env, timeout: CHILD_TIMEOUT_MS });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - started) / 1000;
      const rss = RSS_LINE.exec(stderr);
      const rest = stderr.replace(RSS_LINE, '').trim();
      if (code !== 0) {
        reject(new Error(`highbar ${args.join(' ')} failed (${signal ?? `exit ${code}`}) after ${seconds.toFixed(1)} s:\n${rest}`));
        return;
      }
      if (rest) log(`highbar ${args[0]} said: ${rest}`);
      resolve({ seconds, stdout, peakRssKiB: rss ? Number(rss[1]) : Number.NaN });
    });
  });
}

/**
 * Inserts `rows` narrow rows in multi-row statements in one transaction: the floor for the driver.
 * Best of two attempts into fresh tables, so the first attempt's warm-up does not count.
 */
async function timeBaselineInsert(target: Target, rows: number, place: Place): Promise<number> {
  const first = await timeBaselineAttempt(rows, place, 'baseline_1');
  const seconds = Math.min(first, await timeBaselineAttempt(rows, place, 'baseline_2'));
  log(`${target}: baseline insert of ${rows} narrow rows in ${seconds.toFixed(2)} s`);
  return seconds;
}

async function timeBaselineAttempt(rows: number, place: Place, table: string): Promise<number> {
  const create = `create table ${table} (id integer primary key, employee_id text not null, name text not null)`;
  const batches: unknown[][] = [];
  for (let start = 0; start < rows; start += BASELINE_BATCH) {
    const batch: unknown[] = [];
    for (let id = start; id < Math.min(rows, start + BASELINE_BATCH); id++) batch.push(id + 1, `E${String(id + 1).padStart(6, '0')}`, `Person ${id + 1}`);
    batches.push(batch);
  }
  const insertSql = (count: number) =>
    `insert into ${table} (id, employee_id, name) values ${Array.from({ length: count / 3 }, (_, i) => `($${3 * i + 1}, $${3 * i + 2}, $${3 * i + 3})`).join(', ')}`;

  if (place.target === 'pglite') {
    const db = await PGlite.create({ dataDir: path.join(place.dataDir, 'pgdata') });
    try {
      await db.exec(create);
      const started = performance.now();
      await db.transaction(async (tx) => {
        for (const batch of batches) await tx.query(insertSql(batch.length), batch);
      });
      return (performance.now() - started) / 1000;
    } finally {
      await db.close();
    }
  }
  const client = new pg.Client({ connectionString: place.url });
  await client.connect();
  try {
    await client.query(create);
    const started = performance.now();
    await client.query('begin');
    for (const batch of batches) await client.query(insertSql(batch.length), batch);
    await client.query('commit');
    return (performance.now() - started) / 1000;
  } finally {
    await client.end();
  }
}
