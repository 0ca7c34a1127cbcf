/**
 * `npm run bench -- forte`: review-season load. The real server (`highbar serve --port 0`, a child
 * process) runs a launched cycle in its peer-feedback phase; 200 simulated reviewers sign in once,
 * then each loops over the requests addressed to them: save a draft (PUT), submit it (POST, each
 * request once), read their task list (GET). Targets: a PostgreSQL server and embedded PGlite.
 * In the same run, two ceilings at the same concurrency make the figures comparable across
 * machines: a bare two-insert transaction through the same driver, and a bare Fastify route.
 * Afterwards every acknowledged submission is looked up in the database. One JSON document on
 * stdout; progress on stderr.
 */
import { serverDatabases } from './server-databases.ts';
import { benchServerUrl, describeBenchMachine, ROOT, startHighbar, type Place } from './bench-support.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase, type Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { ensureDefaultLadder } from '../src/people/ladders.service.ts';
import { ensurePresetPolicies } from '../src/policy/policy.service.ts';
import { generatePeopleExport } from '../src/people/demo-org.ts';
import { importPeople } from '../src/people/import.service.ts';
import { createAccount } from '../src/accounts/accounts.service.ts';
import { hashPassword } from '../src/accounts/passwords.ts';
import { loadActor } from '../src/accounts/actor.ts';
import { createCycle, launchCycle } from '../src/cycles/cycles.service.ts';
import { chunk } from '../src/db/bulk.ts';

const SEED = 2026;
const PASSWORD = 'forte-bench-review-season-2026';
const SERVER_POOL_SIZE = 10; // what `highbar serve` opens (src/cli/database-options.ts passes no size)
const ANSWERS = {
  superpowers: 'Led the response to the checkout outage: clear updates every half hour and a rollback within twelve minutes. The design doc for the ledger rewrite compared three options with costs, so the review ended with a decision.',
  improvements: 'Share design drafts earlier; the ledger doc arrived the day before review, so the hardest questions came late.',
  lpsChampioned: ['Ownership', 'Dive Deep'],
  lpsToImprove: ['Earn Trust'],
};

type Target = 'pglite' | 'postgres';
type Op = 'saveDraft' | 'submit' | 'tasks';
const OPS: Op[] = ['saveDraft', 'submit', 'tasks'];

const { values: options } = parseArgs({
  options: {
    targets: { type: 'string', default: 'postgres,pglite' },
    users: { type: 'string', default: '200' },
    'requests-per-user': { type: 'string', default: '40' },
    people: { type: 'string', default: '2000' },
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    'ceiling-duration': { type: 'string', default: '10' },
    'log-level': { type: 'string', default: 'info' },
    profile: { type: 'string' },
  },
});
const targets = options.targets.split(',') as Target[];
const config = {
  users: Number(options.users),
  requestsPerUser: Number(options['requests-per-user']),
  people: Number(options.people),
  durationSeconds: Number(options.duration),
  warmupSeconds: Number(options.warmup),
  ceilingSeconds: Number(options['ceiling-duration']),
  serverLogLevel: options['log-level'],
  serverPoolSize: SERVER_POOL_SIZE,
};
const serverUrl = benchServerUrl(targets);

const log = (text: string) => process.stderr.write(`bench forte: ${text}\n`);
const servers = serverDatabases(serverUrl, log);
const round = (n: number, digits = 1) => Number(n.toFixed(digits));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'highbar-bench-forte-'));
const children = new Set<ChildProcess>();

try {
  log(`ceiling: bare Fastify route, ${config.users} connections, ${config.ceilingSeconds} s`);
  const fastifyCeiling = await measureBareFastify();
  log(`ceiling: bare Fastify route ${Math.round(fastifyCeiling.requestsPerSecond)} requests/s`);
  const results = [];
  for (const target of targets) results.push(await runTarget(target, fastifyCeiling.requestsPerSecond));
  const document = { benchmark: 'forte', date: new Date().toISOString(), machine: await describeBenchMachine(targets.includes('postgres') ? servers : null), seed: SEED, config, ceilings: { fastifyBareRoute: fastifyCeiling }, results };
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
} finally {
  for (const child of children) child.kill('SIGKILL');
  await servers.dropAll();
  if (!process.env.HIGHBAR_BENCH_KEEP) fs.rmSync(work, { recursive: true, force: true });
}

/** Seeds, serves, loads and checks one target; then measures its insert ceiling. */
async function runTarget(target: Target, fastifyRequestsPerSecond: number) {
  const place = await freshPlace(target);
  log(`${target}: seeding ${config.people} people, ${config.users} reviewers with ${config.requestsPerUser} requests each`);
  const seeded = await withDatabase(place, (database) => seedSeason(database));
  const server = await startServer(place, target);
  try {
    log(`${target}: signing in ${config.users} reviewers`);
    const signInStarted = performance.now();
    const users = await signInAll(server.port, seeded.users);
    const signInSeconds = (performance.now() - signInStarted) / 1000;
    log(`${target}: warming up for ${config.warmupSeconds} s`);
    const warmup = await loadServer(server.port, seeded.cycleId, users, config.warmupSeconds);
    log(`${target}: measuring for ${config.durationSeconds} s`);
    const postmaster = target === 'postgres' ? await findPostmaster() : null;
    const cpuBefore = cpuSnapshot(server.child.pid!, postmaster);
    const run = await loadServer(server.port, seeded.cycleId, users, config.durationSeconds);
    const cores = cpuUsed(cpuBefore, cpuSnapshot(server.child.pid!, postmaster), postmaster !== null);
    // CPU per request holds steadier than throughput when other work shares the machine.
    const perRequest = (c: number | null) => (c === null ? null : round((c * 1000) / run.requestsPerSecond, 2));
    const cpu = { ...cores, serverMsPerRequest: perRequest(cores.serverCores), postgresMsPerRequest: perRequest(cores.postgresCores) };
    await server.stop();
    const acknowledged = [...warmup.acknowledged, ...run.acknowledged];
    const durability = await withDatabase(place, (database) => checkDurability(database, seeded.cycleId, acknowledged));
    log(`${target}: ${durability.acknowledged} submissions acknowledged, ${durability.lost} missing from the database`);
    log(`${target}: ceiling: bare insert + audit insert transactions, ${config.users} concurrent, ${config.ceilingSeconds} s`);
    const ceiling = await measureInsertCeiling(place);
    const submissionsPerSecond = run.operations.submit.okPerSecond;
    const submitP99 = run.operations.submit.p99Ms;
    log(`${target}: ${Math.round(run.requestsPerSecond)} requests/s, ${Math.round(submissionsPerSecond)} submissions/s (p99 ${submitP99} ms), ceiling ${Math.round(ceiling.transactionsPerSecond)} transactions/s`);
    // The targets: PostgreSQL 1,000 submissions/s with p99 under 100 ms and 60% of the in-run ceiling; PGlite 500/s.
    const goal: { submissionsPerSecond: number; submitP99Ms?: number; ratioToInsertCeiling?: number } =
      target === 'postgres' ? { submissionsPerSecond: 1000, submitP99Ms: 100, ratioToInsertCeiling: 0.6 } : { submissionsPerSecond: 500 };
    const ratioToInsertCeiling = round(submissionsPerSecond / ceiling.transactionsPerSecond, 3);
    return {
      target,
      signInSeconds: round(signInSeconds, 2),
      ...summariseRun(run),
      cpu,
      submissionsPerSecond: Math.round(submissionsPerSecond),
      ceilingInsertsPerSecond: Math.round(ceiling.transactionsPerSecond),
      ratioToInsertCeiling,
      ratioToFastifyCeiling: round(run.requestsPerSecond / fastifyRequestsPerSecond, 3),
      insertCeiling: ceiling,
      durability,
      serverLogBytes: fs.statSync(server.logFile).size,
      goal: {
        ...goal,
        met:
          submissionsPerSecond >= goal.submissionsPerSecond &&
          (goal.submitP99Ms === undefined || submitP99 < goal.submitP99Ms) &&
          (goal.ratioToInsertCeiling === undefined || ratioToInsertCeiling >= goal.ratioToInsertCeiling),
      },
    };
  } finally {
    await server.stop();
  }
}

/** Where one target's data lives: a PGlite folder, or a new database on the server. */

async function freshPlace(target: Target): Promise<Place> {
  if (target === 'pglite') return { target, dataDir: fs.mkdtempSync(path.join(work, 'pglite-')) };
  const database = `highbar_bench_forte_${process.pid}`;
  return { target, url: await servers.create(database) };
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
 * A generated organisation, an HR account that creates and launches a cycle now in its
 * peer-feedback phase, and reviewers who each have requests from distinct colleagues. Reviewer
 * accounts share one password hash: hashing 200 times would only slow the set-up.
 */
async function seedSeason(database: Database) {
  const { db } = database;
  const now = new Date();
  await migrateToLatest(db);
  await ensureDefaultLadder(db);
  await ensurePresetPolicies(db);
  const { csv } = generatePeopleExport({ seed: SEED, people: config.people });
  await importPeople(db, { actorAccountId: null, fileName: 'bench.csv', bytes: Buffer.from(csv), confirm: true, dryRun: false, now });
  const hr = await createAccount(db, { actorAccountId: null, email: 'hr@bench.test', name: 'Harper Partner', password: PASSWORD, roles: ['hr'], now });
  const actor = (await loadActor(db, hr.id))!;
  const root = await db.selectFrom('people').select('id').where('manager_id', 'is', null).executeTakeFirstOrThrow();
  const at = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();
  const deadlines = { self_review: at(-1), peer_feedback: at(30), manager_review: at(60), calibration: at(90), delivery: at(120) };
  const cycleId = await createCycle(db, { actor, name: 'Forte bench', rootPersonId: root.id, policyKey: 'amazon', deadlines, now });
  await launchCycle(db, { actor, cycleId, now });

  const people = await db.selectFrom('people').select(['id', 'email', 'name', 'manager_id']).where('status', '=', 'active').orderBy('employee_id').execute();
  const managers = new Set(people.map((p) => p.manager_id));
  const engineers = people.filter((p) => !managers.has(p.id));
  const stride = Math.floor(engineers.length / config.users);
  if (stride < 1 || people.length <= config.requestsPerUser) throw new Error('Not enough people for that many reviewers and requests.');
  const reviewers = Array.from({ length: config.users }, (_, i) => engineers[i * stride]!);
  const passwordHash = await hashPassword(PASSWORD);
  for (const batch of chunk(reviewers, 500)) {
    await db.insertInto('accounts').values(batch.map((p) => ({ email: p.email, name: p.name, password_hash: passwordHash, roles: ['employee'], person_id: p.id }))).execute();
  }
  let state = SEED;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const rows = reviewers.flatMap((reviewer) => {
    const subjects = new Set<number>();
    while (subjects.size < config.requestsPerUser) {
      const subject = people[Math.floor(random() * people.length)]!;
      if (subject.id !== reviewer.id) subjects.add(subject.id);
    }
    return [...subjects].map((subjectId) => ({ cycle_id: cycleId, subject_id: subjectId, reviewer_id: reviewer.id, nominated_by: subjectId, status: 'requested' as const, updated_at: now }));
  });
  const requestIds = new Map<number, number[]>();
  for (const batch of chunk(rows, 2000)) {
    for (const r of await db.insertInto('peer_requests').values(batch).returning(['id', 'reviewer_id']).execute()) {
      requestIds.set(r.reviewer_id, [...(requestIds.get(r.reviewer_id) ?? []), r.id]);
    }
  }
  return { cycleId, users: reviewers.map((r) => ({ email: r.email, requestIds: requestIds.get(r.id)! })) };
}

interface SimUser {
  email: string;
  cookie: string;
  queue: number[];
}

/** Signs every reviewer in over HTTP, four at a time (argon2 runs on libuv's four threads). */
async function signInAll(port: number, users: { email: string; requestIds: number[] }[]): Promise<SimUser[]> {
  const signedIn: SimUser[] = [];
  let next = 0;
  const worker = async () => {
    while (next < users.length) {
      const user = users[next++]!;
      const response = await fetch(`http://127.0.0.1:${port}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-highbar-csrf': '1' },
        body: JSON.stringify({ email: user.email, password: PASSWORD }),
      });
      const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
      if (response.status !== 200 || !cookie) throw new Error(`sign-in as ${user.email} failed: ${response.status} ${await response.text()}`);
      signedIn.push({ email: user.email, cookie, queue: [...user.requestIds] });
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return signedIn;
}

interface OpStats {
  latencies: number[];
  statuses: Record<string, number>;
}

/**
 * One load phase: each connection is one signed-in reviewer looping PUT draft, POST submit,
 * GET tasks on their next request. Stops at the time limit, or as soon as any reviewer has
 * nothing left to answer (the request-count bound).
 */
async function loadServer(port: number, cycleId: number, users: SimUser[], seconds: number) {
  const stats = Object.fromEntries(OPS.map((op) => [op, { latencies: [], statuses: {} } as OpStats])) as Record<Op, OpStats>;
  const acknowledged: number[] = [];
  const unassigned = [...users];
  let exhausted = false;
  let last: { op: Op; status: number } | null = null;
  type Context = { user?: SimUser; requestId?: number };
  type Request = autocannon.Request & { state?: { user?: SimUser } };
  const tasksPath = `/api/cycles/${cycleId}/tasks`;
  const body = (version: number) => JSON.stringify({ ...ANSWERS, version });
  const headers = (user: SimUser) => ({ cookie: user.cookie, 'content-type': 'application/json', 'x-highbar-csrf': '1' });
  const record = (op: Op) => (status: number, _body: string, context: object) => {
    const ctx = context as Context;
    if (ctx.requestId === undefined) return void (last = null); // filler after the reviewers ran out
    last = { op, status };
    if (op === 'submit' && status >= 200 && status < 300) acknowledged.push(ctx.requestId);
  };
  // autocannon resets `context` after each loop but gives every connection its own deep copy of
  // these request objects, so `state` on the first one remembers the connection's reviewer.
  const requests: Request[] = [
    {
      state: {},
      setupRequest: (request, context) => {
        const ctx = context as Context;
        const state = (request as Request).state!;
        state.user ??= unassigned.shift();
        const user = state.user!;
        ctx.user = user;
        ctx.requestId = user.queue.shift();
        if (ctx.requestId === undefined) {
          if (!exhausted) instance.stop();
          exhausted = true;
          return { ...request, method: 'GET', path: tasksPath, headers: { cookie: user.cookie }, body: '' };
        }
        return { ...request, method: 'PUT', path: `/api/peer-requests/${ctx.requestId}/feedback`, headers: headers(user), body: body(0) };
      },
      onResponse: record('saveDraft'),
    },
    {
      setupRequest: (request, context) => {
        const { user, requestId } = context as Context;
        if (requestId === undefined) return { ...request, method: 'GET', path: tasksPath, headers: { cookie: user!.cookie }, body: '' };
        return { ...request, method: 'POST', path: `/api/peer-requests/${requestId}/feedback/submit`, headers: headers(user!), body: body(1) };
      },
      onResponse: record('submit'),
    },
    {
      setupRequest: (request, context) => ({ ...request, method: 'GET', path: tasksPath, headers: { cookie: (context as Context).user!.cookie }, body: '' }),
      onResponse: record('tasks'),
    },
  ];
  let instance!: autocannon.Instance;
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon({ url: `http://127.0.0.1:${port}`, connections: users.length, duration: seconds, requests, timeout: 30 }, (error, done) => (error ? reject(error) : resolve(done)));
    // onResponse (above) runs just before this event, synchronously, for the same response.
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      if (!last) return;
      stats[last.op].latencies.push(responseTime);
      stats[last.op].statuses[last.status] = (stats[last.op].statuses[last.status] ?? 0) + 1;
      last = null;
    });
  });
  const elapsed = (performance.now() - started) / 1000;
  return { elapsed, result, stats, acknowledged, exhausted, ...rates(stats, elapsed) };
}

function rates(stats: Record<Op, OpStats>, elapsed: number) {
  const operations = Object.fromEntries(
    OPS.map((op) => {
      const { latencies, statuses } = stats[op];
      const ok = Object.entries(statuses).filter(([s]) => s.startsWith('2')).reduce((n, [, c]) => n + c, 0);
      return [op, { count: latencies.length, ok, okPerSecond: ok / elapsed, statuses, ...percentiles(latencies) }];
    }),
  ) as Record<Op, { count: number; ok: number; okPerSecond: number; statuses: Record<string, number>; p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number }>;
  const requests = OPS.reduce((n, op) => n + operations[op].count, 0);
  return { operations, requestsPerSecond: requests / elapsed };
}

function percentiles(values: number[]) {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => (sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!, 1) : 0);
  return { p50Ms: at(0.5), p90Ms: at(0.9), p99Ms: at(0.99), maxMs: at(1) };
}

function summariseRun(run: Awaited<ReturnType<typeof loadServer>>) {
  return {
    seconds: round(run.elapsed, 2),
    stoppedBy: run.exhausted ? 'request-count' : 'time',
    requests: OPS.reduce((n, op) => n + run.operations[op].count, 0),
    requestsPerSecond: Math.round(run.requestsPerSecond),
    requestsPerSecondEachSecond: { min: run.result.requests.min, mean: Math.round(run.result.requests.mean), max: run.result.requests.max },
    errors: run.result.errors,
    timeouts: run.result.timeouts,
    operations: Object.fromEntries(OPS.map((op) => [op, { ...run.operations[op], okPerSecond: Math.round(run.operations[op].okPerSecond) }])),
  };
}

/** Counts what the database holds against the submissions the server acknowledged. */
async function checkDurability(database: Database, cycleId: number, acknowledged: number[]) {
  const stored = new Set(
    (await database.db.selectFrom('peer_feedback').select('request_id').where('cycle_id', '=', cycleId).where('status', '=', 'submitted').execute()).map((r) => r.request_id),
  );
  const requestsSubmitted = await database.db.selectFrom('peer_requests').select((eb) => eb.fn.countAll<number>().as('n')).where('cycle_id', '=', cycleId).where('status', '=', 'submitted').executeTakeFirstOrThrow();
  const lost = acknowledged.filter((id) => !stored.has(id)).length;
  return {
    acknowledged: acknowledged.length,
    submittedRows: stored.size,
    requestsMarkedSubmitted: Number(requestsSubmitted.n),
    lost,
    // Committed while the load generator was stopping: stored, but the answer never arrived.
    storedWithoutAcknowledgement: stored.size - (acknowledged.length - lost),
  };
}

/**
 * The served app; stopped with SIGKILL so the durability check covers a crash right after the last
 * answer, except in a profiled run, whose profile is written on a normal exit.
 */
async function startServer(place: Place, target: Target) {
  const server = await startHighbar({ place, logFile: path.join(work, `server-${target}.log`), logLevel: config.serverLogLevel, profileDir: options.profile, children });
  return { ...server, stop: () => server.stop(options.profile ? 'SIGTERM' : 'SIGKILL') };
}

/**
 * The driver's ceiling: transactions of one narrow row plus one audit-like row, from as many
 * concurrent callers as simulated users, through a pool of the server's size (pg) or the one
 * PGlite connection, for a fixed time.
 */
async function measureInsertCeiling(place: Place) {
  const create = [
    'create table bench_rows (id bigint generated always as identity primary key, request_id integer not null, body text not null, created_at timestamptz not null default now())',
    'create table bench_audit (seq bigint generated always as identity primary key, row_id bigint not null, action text not null, details jsonb not null, at timestamptz not null default now())',
  ];
  const insertRow = 'insert into bench_rows (request_id, body) values ($1, $2) returning id';
  const insertAudit = "insert into bench_audit (row_id, action, details) values ($1, 'feedback.submitted', $2)";
  const details = JSON.stringify({ requestId: 1, version: 2 });
  let transaction: (n: number) => Promise<void>;
  let close: () => Promise<void>;
  if (place.target === 'pglite') {
    const db = await PGlite.create({ dataDir: path.join(place.dataDir, 'ceiling') });
    for (const statement of create) await db.exec(statement);
    transaction = (n) =>
      db.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: number }>(insertRow, [n, ANSWERS.superpowers]);
        await tx.query(insertAudit, [rows[0]!.id, details]);
      });
    close = () => db.close();
  } else {
    const pool = new pg.Pool({ connectionString: place.url, max: SERVER_POOL_SIZE });
    for (const statement of create) await pool.query(statement);
    transaction = async (n) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const { rows } = await client.query<{ id: string }>(insertRow, [n, ANSWERS.superpowers]);
        await client.query(insertAudit, [rows[0]!.id, details]);
        await client.query('commit');
      } finally {
        client.release();
      }
    };
    close = () => pool.end();
  }
  try {
    const latencies: number[] = [];
    let count = 0;
    const started = performance.now();
    const until = started + config.ceilingSeconds * 1000;
    await Promise.all(
      Array.from({ length: config.users }, async () => {
        while (performance.now() < until) {
          const t = performance.now();
          await transaction(count++);
          latencies.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    return { transactions: latencies.length, seconds: round(seconds, 2), transactionsPerSecond: round(latencies.length / seconds), concurrency: config.users, poolSize: place.target === 'pglite' ? 1 : SERVER_POOL_SIZE, ...percentiles(latencies) };
  } finally {
    await close();
  }
}

/** A Fastify server with one route returning a constant, in a child process like the real one. */
async function measureBareFastify() {
  const script = `
    import Fastify from 'fastify';
    const app = Fastify({ logger: false });
    app.get('/constant', async () => ({ status: 'ok' }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    process.stdout.write('port=' + app.server.address().port + '\\n');`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /port=(\d+)/u.exec(out);
        if (match) resolve(Number(match[1]));
      });
      child.once('exit', (code) => reject(new Error(`bare Fastify exited with ${code}`)));
    });
    await autocannon({ url: `http://127.0.0.1:${port}/constant`, connections: config.users, duration: 2 }); // warm-up
    const result = await autocannon({ url: `http://127.0.0.1:${port}/constant`, connections: config.users, duration: config.ceilingSeconds });
    return { requestsPerSecond: Math.round(result.requests.average), p50Ms: result.latency.p50, p99Ms: result.latency.p99, connections: config.users, non2xx: result.non2xx, errors: result.errors };
  } finally {
    child.kill('SIGKILL');
    children.delete(child);
  }
}

/** CPU seconds so far of the machine, the server process, the PostgreSQL server's processes and this process (the load generator). */
function cpuSnapshot(serverPid: number, postmasterPid: number | null) {
  const ticks = 100; // USER_HZ on Linux
  const cpuLine = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/u).slice(1).map(Number);
  const idle = (cpuLine[3] ?? 0) + (cpuLine[4] ?? 0);
  const total = cpuLine.reduce((a, b) => a + b, 0);
  const processes = new Map<number, { ppid: number; seconds: number }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/u.test(entry)) continue;
    try {
      const fields = fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      processes.set(Number(entry), { ppid: Number(fields[1]), seconds: (Number(fields[11]) + Number(fields[12])) / ticks });
    } catch {
      // the process ended while we looked
    }
  }
  const tree = (root: number | null) => (root === null ? 0 : [...processes].filter(([pid, p]) => pid === root || p.ppid === root).reduce((n, [, p]) => n + p.seconds, 0));
  const own = process.cpuUsage();
  return { at: performance.now(), busy: (total - idle) / ticks, server: tree(serverPid), postgres: tree(postmasterPid), loadGenerator: (own.user + own.system) / 1e6 };
}

/** Cores used during a phase; `other` is everything else on the machine (other tenants, the kernel). */
function cpuUsed(before: ReturnType<typeof cpuSnapshot>, after: ReturnType<typeof cpuSnapshot>, withPostgres: boolean) {
  const seconds = (after.at - before.at) / 1000;
  const cores = (key: 'busy' | 'server' | 'postgres' | 'loadGenerator') => round((after[key] - before[key]) / seconds, 2);
  const used = { machineBusyCores: cores('busy'), serverCores: cores('server'), postgresCores: withPostgres ? cores('postgres') : null, loadGeneratorCores: cores('loadGenerator') };
  return { ...used, otherCores: round(used.machineBusyCores - used.serverCores - (used.postgresCores ?? 0) - used.loadGeneratorCores, 2), cores: os.cpus().length };
}

/** The local PostgreSQL server's main process, so its backends' CPU can be counted; null when remote or unreadable. */
async function findPostmaster(): Promise<number | null> {
  if (!serverUrl) return null;
  try {
    const { rows } = await servers.withServer((c) => c.query<{ setting: string }>("select setting from pg_settings where name = 'data_directory'"));
    return Number(fs.readFileSync(path.join(rows[0]!.setting, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
}

