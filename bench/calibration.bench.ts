/**
 * `npm run bench -- calibration`: the calibration board at scale. For sessions of 5,000 and
 * 50,000 people (a generated organisation, every person proposed, one session over all of them),
 * the real server (`highbar serve --port 0`, a child process) takes 1,000 rating changes through
 * `POST /api/calibration-sessions/:id/adjustments`, one at a time, as a room makes them. Figures:
 * per-change latency (p50/p90/p99/max, loopback round trip, so the server's time plus well under a
 * millisecond), the whole board (`GET /api/calibration-sessions/:id`), and the full distribution
 * recompute: the session's GROUP BY in the database and the rule over every rating in memory.
 * In-run baseline: `GET /api/me` on the same server, one at a time (session lookup and actor:
 * what every request pays), so results read as ratios. One JSON document on stdout; progress on
 * stderr.
 */
import { serverDatabases } from './server-databases.ts';
import { benchServerUrl, describeBenchMachine, processCpuMs, startHighbar, type Place } from './bench-support.ts';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { ensureDefaultLadder } from '../src/people/ladders.service.ts';
import { ensurePresetPolicies } from '../src/policy/policy.service.ts';
import { generatePeopleExport } from '../src/people/demo-org.ts';
import { importPeople } from '../src/people/import.service.ts';
import { createAccount } from '../src/accounts/accounts.service.ts';
import { loadActor } from '../src/accounts/actor.ts';
import { createCycle, launchCycle } from '../src/cycles/cycles.service.ts';
import { loadCycle } from '../src/cycles/cycle-loader.ts';
import { chunk } from '../src/db/bulk.ts';
import { createSession } from '../src/calibration/sessions.service.ts';
import { groupDistribution } from '../src/calibration/board.rules.ts';
import { olrOf } from '../src/calibration/olr-cycle.ts';
import type { OvRating } from '../src/policy/olr.schema.ts';

const SEED = 2026;
const PASSWORD = 'calibration-bench-2026-long';
const GOAL = { people: 5000, changeP99Ms: 50 };

type Target = 'pglite' | 'postgres';
const { values: options } = parseArgs({
  options: {
    targets: { type: 'string', default: 'pglite,postgres' },
    sizes: { type: 'string', default: '5000,50000' },
    changes: { type: 'string', default: '1000' },
    'board-loads': { type: 'string', default: '3' },
    baseline: { type: 'string', default: '300' },
    profile: { type: 'string' },
  },
});
const targets = options.targets.split(',') as Target[];
const sizes = options.sizes.split(',').map(Number);
const config = { changes: Number(options.changes), boardLoads: Number(options['board-loads']), baselineRequests: Number(options.baseline) };
const serverUrl = benchServerUrl(targets);

const log = (text: string) => process.stderr.write(`bench calibration: ${text}\n`);
const servers = serverDatabases(serverUrl, log);
const round = (n: number, digits = 1) => Number(n.toFixed(digits));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'highbar-bench-calibration-'));
const children = new Set<ChildProcess>();

try {
  const results = [];
  for (const target of targets) for (const people of sizes) results.push(await runOne(target, people));
  const document = { benchmark: 'calibration', date: new Date().toISOString(), machine: await describeBenchMachine(targets.includes('postgres') ? servers : null), seed: SEED, config, goal: GOAL, results };
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
} finally {
  for (const child of children) child.kill('SIGKILL');
  await servers.dropAll();
  if (!process.env.HIGHBAR_BENCH_KEEP) fs.rmSync(work, { recursive: true, force: true });
}

async function runOne(target: Target, people: number) {
  const place: Place = target === 'pglite' ? { target, dataDir: fs.mkdtempSync(path.join(work, `pglite-${people}-`)) } : { target, url: await servers.create(`highbar_bench_calibration_${process.pid}_${people}`) };
  log(`${target} ${people}: seeding the organisation, a cycle in calibration, a proposal for everyone and the session`);
  const seeded = await withDatabase(place, (database) => seed(database, people));
  log(`${target} ${people}: session of ${seeded.sessionSize} opened in ${seeded.sessionOpenSeconds} s`);
  const server = await startServer(place, `${target}-${people}`);
  let http;
  try {
    const cookie = await signIn(server.port);
    const get = (url: string) => timed(server.port, cookie, 'GET', url);
    log(`${target} ${people}: baseline, ${config.baselineRequests} × GET /api/me`);
    for (let i = 0; i < 20; i++) await get('/api/me'); // warm-up
    const baseline: number[] = [];
    for (let i = 0; i < config.baselineRequests; i++) baseline.push((await get('/api/me')).ms);
    log(`${target} ${people}: ${config.boardLoads} × the whole board`);
    const board: number[] = [];
    let boardBytes = 0;
    for (let i = 0; i < config.boardLoads; i++) {
      const r = await get(`/api/calibration-sessions/${seeded.sessionId}`);
      if (r.status !== 200) throw new Error(`board answered ${r.status}`);
      board.push(r.ms);
      boardBytes = r.bytes;
    }
    log(`${target} ${people}: ${config.changes} rating changes, one at a time`);
    const latencies: number[] = [];
    const cpuBefore = processCpuMs(server.pid);
    for (const [i, change] of seeded.changes.entries()) {
      const r = await timed(server.port, cookie, 'POST', `/api/calibration-sessions/${seeded.sessionId}/adjustments`, {
        personId: change.personId,
        performance: change.performance,
        potential: change.potential,
        rationale: 'Compared with level peers across the organisation in the meeting.',
        version: 1,
      });
      if (r.status !== 200) throw new Error(`change ${i} answered ${r.status}: ${r.body.slice(0, 400)}`);
      latencies.push(r.ms);
    }
    // CPU per change holds steadier than latency on a shared machine (PGlite runs inside the server process).
    const serverCpuMsPerChange = round((processCpuMs(server.pid) - cpuBefore) / latencies.length, 2);
    http = { baselineMe: percentiles(baseline), changes: percentiles(latencies), serverCpuMsPerChange, boardMs: percentiles(board), boardBytes };
  } finally {
    await server.stop();
  }
  const recompute = await withDatabase(place, (database) => measureRecompute(database, seeded.sessionId));
  const result = {
    target,
    people,
    sessionSize: seeded.sessionSize,
    sessionOpenSeconds: seeded.sessionOpenSeconds,
    ...http,
    ratioChangeP50ToBaselineP50: round(http.changes.p50Ms / http.baselineMe.p50Ms, 1),
    recompute,
    goal: people === GOAL.people ? { changeP99Ms: GOAL.changeP99Ms, met: http.changes.p99Ms < GOAL.changeP99Ms } : null,
  };
  log(`${target} ${people}: change p50 ${http.changes.p50Ms} ms, p99 ${http.changes.p99Ms} ms; board ${http.boardMs.p50Ms} ms; group-by ${recompute.databaseGroupByMs.p50Ms} ms`);
  return result;
}


async function withDatabase<T>(place: Place, use: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(place.target === 'pglite' ? { kind: 'embedded', dataDir: place.dataDir } : { kind: 'server', url: place.url });
  try {
    return await use(database);
  } finally {
    await database.close();
  }
}

/**
 * A generated organisation of `people`, an amazon cycle for all of it in its calibration phase,
 * a submitted proposal for everyone below the top (deterministic, varied ratings, evidence in two
 * dimensions), one session over the whole organisation, and the changes to make: distinct people,
 * each moved between HV1 and HV2 cells (no quorum needed, so every change is accepted).
 */
async function seed(database: Database, people: number) {
  const { db } = database;
  const now = new Date();
  await migrateToLatest(db);
  await ensureDefaultLadder(db);
  await ensurePresetPolicies(db);
  const { csv } = generatePeopleExport({ seed: SEED, people });
  await importPeople(db, { actorAccountId: null, fileName: 'bench.csv', bytes: Buffer.from(csv), confirm: true, dryRun: false, now });
  const hr = await createAccount(db, { actorAccountId: null, email: 'hr@bench.test', name: 'Harper Partner', password: PASSWORD, roles: ['hr'], now });
  const actor = (await loadActor(db, hr.id))!;
  const root = await db.selectFrom('people').select('id').where('manager_id', 'is', null).executeTakeFirstOrThrow();
  const at = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();
  const deadlines = { self_review: at(-60), peer_feedback: at(-40), manager_review: at(-10), calibration: at(30), delivery: at(60) };
  const cycleId = await createCycle(db, { actor, name: 'Calibration bench', rootPersonId: root.id, policyKey: 'amazon', deadlines, now });
  await launchCycle(db, { actor, cycleId, now });
  const participants = await db
    .selectFrom('cycle_participants as cp')
    .innerJoin('people as p', 'p.id', 'cp.person_id')
    .select(['p.id', 'p.manager_id'])
    .where('cp.cycle_id', '=', cycleId)
    .where('p.manager_id', 'is not', null)
    .orderBy('p.id')
    .execute();
  let state = SEED;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const evidence = JSON.stringify({ byDimension: { delivery: ['Shipped the planned work'], collaboration: ['Ran the design review'] }, impactExamples: [], peerFeedbackThemes: '', logNoteIds: [], systemMetrics: [], multiplierImpact: '' });
  const rows = participants.map((p) => ({
    cycle_id: cycleId,
    person_id: p.id,
    author_id: p.manager_id!,
    performance: 2 + Math.floor(random() * 5),
    potential: 1 + Math.floor(random() * 4),
    principles: JSON.stringify({ Ownership: 2 }),
    justification: 'Delivered the planned work at the level expected.',
    evidence,
    status: 'submitted' as const,
    submitted_at: now,
  }));
  for (const batch of chunk(rows, 1000)) await db.insertInto('rating_proposals').values(batch).execute();
  const opened = performance.now();
  const session = await createSession(db, { actor, input: { cycleId, rootPersonId: root.id, name: 'Whole organisation', calibratorAccountIds: [hr.id], blind: false }, now });
  const sessionOpenSeconds = round((performance.now() - opened) / 1000, 2);
  const stride = Math.max(1, Math.floor(rows.length / config.changes));
  const changes = rows
    .filter((_, i) => i % stride === 0)
    .slice(0, config.changes)
    .map((r) => (r.performance === 4 && r.potential === 3 ? { personId: r.person_id, performance: 4, potential: 2 } : { personId: r.person_id, performance: 4, potential: 3 }));
  if (changes.length < config.changes) throw new Error(`only ${changes.length} people to change`);
  return { sessionId: session.id, sessionSize: rows.length, sessionOpenSeconds, changes };
}

/** The full recompute, both ways: the session's GROUP BY as the adjust path runs it, and the rule over every rating. */
async function measureRecompute(database: Database, sessionId: number) {
  const { db } = database;
  const session = await db.selectFrom('calibration_sessions').select('cycle_id').where('id', '=', sessionId).executeTakeFirstOrThrow();
  const olr = olrOf(await loadCycle(db, session.cycle_id));
  const groupBy = () => db.selectFrom('calibrated_ratings').select(['ov', (eb) => eb.fn.countAll<number>().as('n')]).where('session_id', '=', sessionId).groupBy('ov').execute();
  await groupBy();
  const database_: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await groupBy();
    database_.push(performance.now() - t);
  }
  const ovs = (await db.selectFrom('calibrated_ratings').select('ov').where('session_id', '=', sessionId).execute()).map((r) => r.ov as OvRating);
  const memory: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    groupDistribution(olr, ovs);
    memory.push(performance.now() - t);
  }
  return { databaseGroupByMs: percentiles(database_, 2), inMemoryRuleMs: percentiles(memory, 3), ratings: ovs.length };
}

async function signIn(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-highbar-csrf': '1' }, body: JSON.stringify({ email: 'hr@bench.test', password: PASSWORD }) });
  const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
  if (response.status !== 200 || !cookie) throw new Error(`sign-in failed: ${response.status}`);
  return cookie;
}

/** One request, timed from sending to the last byte of the answer. */
async function timed(port: number, cookie: string, method: 'GET' | 'POST', url: string, body?: unknown) {
  const headers: Record<string, string> = { cookie };
  if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'x-highbar-csrf': '1' });
  const t = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, ms: performance.now() - t, bytes: Buffer.byteLength(text), body: text };
}

function percentiles(values: number[], digits = 1) {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => (sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!, digits) : 0);
  return { count: values.length, p50Ms: at(0.5), p90Ms: at(0.9), p99Ms: at(0.99), maxMs: at(1) };
}

/** `highbar serve --port 0` as a user runs it, logging at warn, its output in a file. */
async function startServer(place: Place, name: string) {
  const server = await startHighbar({ place, logFile: path.join(work, `server-${name}.log`), logLevel: 'warn', profileDir: options.profile, children });
  return { ...server, pid: server.child.pid! };
}
