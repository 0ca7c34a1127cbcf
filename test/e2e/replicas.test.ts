import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startDemoServer, type RunningServer } from './server-process.ts';

/**
 * Two replicas on two ports over one PostgreSQL database, as ARCHITECTURE.md scales out: a
 * session made on one is valid on the other, sign-out on one ends it on both, concurrent saves of
 * one draft through both never lose an update (exactly one wins, the other is told), and the
 * background jobs both replicas schedule at start run at most once per minute between them.
 */
let replicas: RunningServer[] = [];
let databaseName = '';
const admin = process.env.TEST_DATABASE_URL;

beforeAll(async () => {
  if (!admin) throw new Error('TEST_DATABASE_URL is not set: run through scripts/with-postgres.sh (npm test does)');
  databaseName = `highbar_replicas_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${databaseName}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${databaseName}`;
  // The first replica migrates and seeds; the second finds both done.
  replicas.push(await startDemoServer({ databaseUrl: url.toString() }));
  replicas.push(await startDemoServer({ databaseUrl: url.toString() }));
}, 240_000);

afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  replicas = [];
  if (!admin || !databaseName) return;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`drop database if exists ${databaseName} with (force)`);
  await client.end();
});

function replicaDatabaseUrl(): string {
  const url = new URL(admin!);
  url.pathname = `/${databaseName}`;
  return url.toString();
}

async function signIn(url: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-highbar-csrf': '1', origin: url }, body: JSON.stringify({ email, password }) });
  expect(response.status).toBe(200);
  return response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

const write = (url: string, cookie: string, method: string, body?: object) => ({
  method,
  headers: { cookie, 'x-highbar-csrf': '1', origin: url, ...(body ? { 'content-type': 'application/json' } : {}) },
  ...(body ? { body: JSON.stringify(body) } : {}),
});

describe('two replicas over one PostgreSQL database', () => {
  it('serve on two ports', () => {
    expect(replicas).toHaveLength(2);
    expect(replicas[0]!.url).not.toBe(replicas[1]!.url);
  });

  it('accept a session made on either, and end it on both at sign-out', async () => {
    const [a, b] = replicas as [RunningServer, RunningServer];
    const cookie = await signIn(a.url, a.accounts.employee!, a.demoPassword);
    const onB = await fetch(`${b.url}/api/me`, { headers: { cookie } });
    expect(onB.status).toBe(200);
    expect(((await onB.json()) as { email: string }).email).toBe(a.accounts.employee);
    expect((await fetch(`${b.url}/api/session`, write(b.url, cookie, 'DELETE'))).status).toBe(204);
    expect((await fetch(`${a.url}/api/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('never lose an update when both save the same draft at once', async () => {
    const [a, b] = replicas as [RunningServer, RunningServer];
    const cookie = await signIn(a.url, a.accounts.employee!, a.demoPassword);
    const cycles = (await (await fetch(`${a.url}/api/cycles`, { headers: { cookie } })).json()) as { cycles: { id: number; phase: string }[] };
    const cycle = cycles.cycles.find((c) => ['self_review', 'peer_feedback'].includes(c.phase));
    expect(cycle, 'the demo has a cycle open for peer feedback').toBeDefined();
    const tasks = (await (await fetch(`${a.url}/api/cycles/${cycle!.id}/tasks`, { headers: { cookie } })).json()) as { feedbackToWrite: { requestId: number; status: string; feedbackStatus: string }[] };
    const open = tasks.feedbackToWrite.find((t) => ['requested', 'accepted'].includes(t.status) && t.feedbackStatus !== 'submitted');
    expect(open, 'the demo employee has feedback left to write').toBeDefined();
    const url = (base: string) => `${base}/api/peer-requests/${open!.requestId}/feedback`;
    const current = (await (await fetch(url(a.url), { headers: { cookie } })).json()) as { version: number };
    const draft = (text: string) => ({ superpowers: text, improvements: 'Share designs earlier.', lpsChampioned: [], lpsToImprove: [], version: current.version });
    const [fromA, fromB] = await Promise.all([fetch(url(a.url), write(a.url, cookie, 'PUT', draft('Written in tab A'))), fetch(url(b.url), write(b.url, cookie, 'PUT', draft('Written in tab B')))]);
    expect([fromA.status, fromB.status].sort()).toEqual([200, 409]);
    const loser = (fromA.status === 409 ? await fromA.json() : await fromB.json()) as { code: string; latest: { superpowers: string } };
    const winner = (fromA.status === 200 ? await fromA.json() : await fromB.json()) as { superpowers: string; version: number };
    expect(loser.code).toBe('VERSION_CONFLICT');
    expect(loser.latest.superpowers).toBe(winner.superpowers);
    const stored = (await (await fetch(url(b.url), { headers: { cookie } })).json()) as { superpowers: string; version: number };
    expect(stored).toMatchObject({ superpowers: winner.superpowers, version: current.version + 1 });
  });

  // pg-boss deduplicates the start run per 60-second slot (singletonSeconds): replicas starting in
  // the same minute run it once; across a slot boundary each may run it, which the jobs'
  // idempotence makes harmless. The test checks that guarantee, not more.
  it('run each background job at most once per minute between them, though both scheduled it at start', async () => {
    const client = new pg.Client({ connectionString: replicaDatabaseUrl() });
    await client.connect();
    try {
      // pg-boss's own record of every job sent: each replica asks for a run of each job at start.
      const startRuns = () =>
        client.query<{ name: string; jobs: number; slots: number; completed: number }>(
          `select name, count(*)::int as jobs, count(distinct singleton_on)::int as slots,
                  count(*) filter (where state = 'completed')::int as completed
             from pgboss.job where singleton_key = name || '-start' group by name order by name`,
        );
      await expect
        .poll(async () => (await startRuns()).rows.filter((r) => r.completed > 0).map((r) => r.name), { timeout: 90_000, interval: 1_000 })
        .toEqual(expect.arrayContaining(['growth-reminders', 'pipeline-deadlines']));
      const rows = (await startRuns()).rows;
      for (const row of rows) {
        expect(row.jobs, row.name).toBe(row.slots);
        expect(row.jobs, row.name).toBeLessThanOrEqual(2);
      }
    } finally {
      await client.end();
    }
  }, 120_000);
});
