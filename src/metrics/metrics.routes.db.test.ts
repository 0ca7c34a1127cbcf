import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { buildAccount, buildPerson, type BuiltPerson } from '../../test/factories.ts';
import { signInCookie, startTestServer } from '../../test/server.ts';
import { mapTeam } from './catalog.repository.ts';
import { ingestDevLakeFolder } from './ingest-devlake.service.ts';
import { upsertAiUsage } from './events.repository.ts';
import { signWebhook } from './sources/webhook-signature.ts';
import { createWebhookSource } from './webhook.service.ts';

const ALPHA = fileURLToPath(new URL('../../test/fixtures/metrics/devlake-alpha/', import.meta.url));
const NOW = new Date('2024-02-15T12:00:00Z');

let database: Database;
let app: FastifyInstance;
let teamId: number;
let engineer: BuiltPerson;
let other: BuiltPerson;
const cookies: Record<'engineer' | 'manager' | 'other' | 'hr' | 'admin', string> = {} as never;
let secret: string;

beforeAll(async () => {
  database = await openTestDatabase();
  const db = database.db;
  app = await startTestServer(db, { now: () => NOW });
  const manager = await buildPerson(db, { team: 'Checkout' });
  engineer = await buildPerson(db, { manager, team: 'Checkout' });
  other = await buildPerson(db, { team: 'Search' });
  const accounts = {
    engineer: await buildAccount(db, { person: engineer }),
    manager: await buildAccount(db, { person: manager }),
    other: await buildAccount(db, { person: other }),
    hr: await buildAccount(db, { roles: ['hr'] }),
    admin: await buildAccount(db, { roles: ['admin'] }),
  };
  for (const [who, account] of Object.entries(accounts)) cookies[who as keyof typeof cookies] = await signInCookie(app, account.email, account.password);
  await ingestDevLakeFolder(db, { dir: ALPHA });
  teamId = (await db.selectFrom('teams').select('id').where('name', '=', 'Checkout').executeTakeFirstOrThrow()).id;
  await mapTeam(db, { teamId, services: ['alpha'], repositories: [] });
  await upsertAiUsage(
    db,
    Array.from({ length: 6 }, (_, u) => ({ source: 'amazon-q' as const, day: '2024-02-05', userKey: u === 0 ? engineer.email : `user-${u}`, activeUsers: 1, suggestions: 10, acceptances: 4, aiCodeLines: 20, chatMessages: 2, details: {} })),
  );
  secret = (await createWebhookSource(db, { name: 'ci' })).secret;
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const get = (url: string, who: keyof typeof cookies) => app.inject({ method: 'GET', url, headers: { cookie: cookies[who] } });

describe('team metrics routes', () => {
  it("shows a team's four keys with bands and trend to anyone signed in (the golden January)", async () => {
    const response = await get(`/api/metrics/teams/${teamId}/dora?from=2024-01-01&to=2024-01-31`, 'other');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.keys.leadTime).toEqual({ changes: 3, medianMinutes: 1410, level: 'elite' });
    expect(body.keys.changeFailureRate).toMatchObject({ deployments: 3, failedDeployments: 2, level: 'low' });
    expect(body.trend).toHaveLength(1);
    expect(body.bands.leadTimeMinutes[0]).toEqual({ level: 'elite', upTo: 1440 });
    expect(body.label).toMatch(/never a measure of one person/u);
  });

  it('lists the deployments, pull requests and incidents behind the numbers, without authors', async () => {
    const response = await get(`/api/metrics/teams/${teamId}/dora/drilldown?from=2024-01-01&to=2024-01-31`, 'engineer');
    const body = response.json();
    expect(body.deployments.map((d: { name: string; failed: boolean }) => [d.name, d.failed])).toEqual([['ship', true], ['deploy', true], ['deploy', false]]);
    expect(body.changes.map((c: { cycleMinutes: number }) => c.cycleMinutes).sort((a: number, b: number) => a - b)).toEqual([420, 1410, 2940]);
    expect(body.incidents).toHaveLength(2);
    expect(response.body).not.toContain('dev1');
  });

  it('refuses a reversed period and an unknown team', async () => {
    expect((await get(`/api/metrics/teams/${teamId}/dora?from=2024-02-01&to=2024-01-01`, 'other')).statusCode).toBe(400);
    expect((await get('/api/metrics/teams/999999/dora', 'other')).statusCode).toBe(404);
  });

  it('shows organisation AI adoption without any per-person row', async () => {
    const body = (await get('/api/metrics/ai-adoption?from=2024-02-01&to=2024-02-11', 'other')).json();
    expect(body.sources).toEqual([{ source: 'amazon-q', weeks: [{ week: '2024-02-05', suppressed: false, activeUsers: 6, suggestions: 60, acceptances: 24, acceptanceRate: 0.4, aiCodeLines: 120, chatMessages: 12 }] }]);
  });
});

describe('per-person metrics routes', () => {
  it("shows a person's AI usage to them and HR only", async () => {
    const url = `/api/metrics/people/${engineer.id}/ai-usage?from=2024-02-01&to=2024-02-11`;
    expect((await get(url, 'engineer')).json().weeks).toMatchObject([{ week: '2024-02-05', activeDays: 1, suggestions: 10 }]);
    expect((await get(url, 'hr')).statusCode).toBe(200);
    for (const who of ['manager', 'other', 'admin'] as const) expect((await get(url, who)).statusCode, who).toBe(403);
  });

  it('shows code signals and team context to the person, their chain and HR only', async () => {
    for (const route of ['code-signals', 'team-context']) {
      const url = `/api/metrics/people/${engineer.id}/${route}`;
      for (const who of ['engineer', 'manager', 'hr'] as const) expect((await get(url, who)).statusCode, `${route} ${who}`).toBe(200);
      for (const who of ['other', 'admin'] as const) expect((await get(url, who)).statusCode, `${route} ${who}`).toBe(403);
    }
    const context = (await get(`/api/metrics/people/${engineer.id}/team-context`, 'engineer')).json();
    expect(context.teams[0].team.name).toBe('Checkout');
    expect(context.label).toMatch(/Team context/u);
  });
});

describe('metrics webhook', () => {
  const deployment = { type: 'deployment', id: 'wh-1', service: 'alpha', environment: 'PRODUCTION', result: 'SUCCESS', finishedAt: '2024-02-14T10:00:00Z', commits: [{ repository: 'repo-alpha', sha: 'c6' }] };
  const send = (body: string, headers: Record<string, string>, source = 'ci') =>
    app.inject({ method: 'POST', url: `/api/metrics/webhooks/${source}`, headers: { 'content-type': 'application/json', ...headers }, payload: body });
  const signed = (body: string, at = NOW.getTime() / 1000) => ({ 'x-highbar-timestamp': String(at), 'x-highbar-signature': signWebhook(secret, at, body) });
  const stored = async () => Number((await database.db.selectFrom('deployments').select((eb) => eb.fn.countAll<number>().as('n')).where('source', '=', 'webhook:ci').executeTakeFirstOrThrow()).n);

  it('answers a bad signature with 401 problem+json and stores nothing', async () => {
    const body = JSON.stringify(deployment);
    for (const headers of [{}, { ...signed(body), 'x-highbar-signature': `sha256=${'0'.repeat(64)}` }, signed(body, NOW.getTime() / 1000 - 301), signed(`${body} `)]) {
      const response = await send(body, headers);
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect((await send(body, signed(body), 'unknown-source')).statusCode).toBe(401);
    expect(await stored()).toBe(0);
  });

  it('stores a signed deployment once, however often it is delivered, and updates the metrics', async () => {
    const body = JSON.stringify(deployment);
    for (let i = 0; i < 2; i++) {
      const response = await send(body, signed(body));
      expect(response.statusCode, response.body).toBe(202);
      expect(response.json()).toEqual({ stored: 'deployment', id: 'wh-1' });
    }
    expect(await stored()).toBe(1);
    const keys = (await get(`/api/metrics/teams/${teamId}/dora?from=2024-02-14&to=2024-02-14`, 'other')).json().keys;
    expect(keys.deploymentFrequency.deployments).toBe(1);
  });

  it('refuses a signed body that is not a valid event (400) or names an unknown commit (422)', async () => {
    const junk = 'not json';
    expect((await send(junk, signed(junk))).statusCode).toBe(400);
    const invalid = JSON.stringify({ ...deployment, environment: 'prod' });
    expect((await send(invalid, signed(invalid))).statusCode).toBe(400);
    const unknown = JSON.stringify({ ...deployment, id: 'wh-2', commits: [{ repository: 'repo-alpha', sha: 'abcdef1' }] });
    const response = await send(unknown, signed(unknown));
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0].message).toContain('commit abcdef1 is not in repository repo-alpha');
    expect(await stored()).toBe(1);
  });
});
