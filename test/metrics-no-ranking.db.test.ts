import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.ts';
import { mapTeam } from '../src/metrics/catalog.repository.ts';
import { upsertAiUsage, writeCommits } from '../src/metrics/events.repository.ts';
import { ORG_ID } from '../src/metrics/partitions.repository.ts';
import { storeEventBatch } from '../src/metrics/store-events.service.ts';
import { openTestDatabase } from './db.ts';
import { buildAccount, buildPerson, type BuiltPerson } from './factories.ts';
import { signInCookie, startTestServer } from './server.ts';

/**
 * DOMAIN.md section 7: engineering metrics are context, never a leaderboard. Every metrics route
 * of the OpenAPI document (today's and any added later) is called as HR, who may read the most,
 * over data where several people have commits, reviews, pull requests and AI usage. No response
 * may mention more than one person, and no list in it may carry several people's records, so no
 * route can rank people by an activity count; no route offers a sort or rank parameter either.
 */
const NOW = new Date('2024-03-29T12:00:00Z');
const REPO = 'github.com/acme/ledger';
let database: Database;
let app: FastifyInstance;
let hrCookie: string;
let teamId: number;
const people: BuiltPerson[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  const db = database.db;
  app = await startTestServer(db, { now: () => NOW });
  const lead = await buildPerson(db, { team: 'Ledger', name: 'Lead Person' });
  for (let i = 0; i < 4; i++) people.push(await buildPerson(db, { manager: lead, team: 'Ledger', name: `Ledger Engineer ${i}` }));
  people.push(lead);
  teamId = (await db.selectFrom('teams').select('id').where('name', '=', 'Ledger').executeTakeFirstOrThrow()).id;
  await mapTeam(db, { teamId, services: ['ledger'], repositories: [REPO] });
  const repository = (await db.selectFrom('repositories').select('id').where('key', '=', REPO).executeTakeFirstOrThrow()).id;
  await db.insertInto('service_repositories').values({ service_id: (await db.selectFrom('services').select('id').where('name', '=', 'ledger').executeTakeFirstOrThrow()).id, repository_id: repository }).execute();
  // Each person commits a different amount every week for twelve weeks, so any ordering would differ.
  const day = 86_400_000;
  const commits = people.flatMap((p, n) =>
    Array.from({ length: 12 * (n + 1) }, (_, i) => {
      const at = NOW.getTime() - (i % 84) * day - n * 3_600_000;
      return { sha: `${p.id}-${i}`, parents: [], authorName: p.name, authorEmail: p.email, authoredAt: at, committerEmail: p.email, committedAt: at, subject: 'change', additions: 10 * (n + 1), deletions: n, filesChanged: 1 };
    }),
  );
  await db.transaction().execute((trx) => writeCommits(trx, repository, commits));
  await db.transaction().execute((trx) =>
    storeEventBatch(
      trx,
      {
        pullRequests: people.map((p, n) => ({
          repository: REPO, externalId: `pr-${n}`, number: String(n), title: `Change ${n}`, author: p.email, state: 'merged', createdAt: NOW.getTime() - 5 * day, mergedAt: NOW.getTime() - 4 * day,
          closedAt: null, mergeCommitSha: `${p.id}-0`, headSha: null, commits: [{ sha: `${p.id}-0`, authoredAt: NOW.getTime() - 6 * day }],
          comments: [{ externalId: `r-${n}`, author: people[(n + 1) % people.length]!.email, createdAt: NOW.getTime() - 4.5 * day }],
        })),
        deployments: [
          { source: 'ci', externalId: 'first', service: 'ledger', name: 'first', environment: 'PRODUCTION', result: 'SUCCESS', createdAt: NOW.getTime() - 10 * day, startedAt: null, finishedAt: NOW.getTime() - 10 * day, commits: [{ repository: REPO, commitSha: `${people[0]!.id}-5` }] },
          { source: 'ci', externalId: 'second', service: 'ledger', name: 'second', environment: 'PRODUCTION', result: 'SUCCESS', createdAt: NOW.getTime() - 3 * day, startedAt: null, finishedAt: NOW.getTime() - 3 * day, commits: [{ repository: REPO, commitSha: `${people[0]!.id}-0` }] },
        ],
        incidents: [{ source: 'pd', externalId: 'inc', service: 'ledger', title: 'Ledger lag', severity: 'SEV2', status: 'resolved', createdAt: NOW.getTime() - 2 * day, resolvedAt: NOW.getTime() - 1.9 * day, leadTimeMinutes: null, assignees: people.map((p) => p.email), analysisAuthor: people[1]!.email, analysisUrl: null }],
      },
      { mode: 'full', context: 'test' },
    ),
  );
  await upsertAiUsage(db, people.flatMap((p, n) => [0, 1, 2].map((d) => ({ source: 'amazon-q' as const, day: `2024-03-2${d}`, userKey: p.email, activeUsers: 1, suggestions: 10 * (n + 1), acceptances: n + 1, aiCodeLines: 5 * n, chatMessages: n, details: {} }))));
  await db.insertInto('oncall_pages').values(people.map((p, n) => ({ org_id: ORG_ID, service_id: null, source: 'pd', external_id: `page-${n}`, person_ref: p.email, incident_external_id: 'inc', at: NOW.toISOString(), occurred_at: NOW.toISOString() }))).execute();
  const hr = await buildAccount(db, { roles: ['hr'] });
  hrCookie = await signInCookie(app, hr.email, hr.password);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

/** Every string in a JSON value, and every list of objects in it. */
function walk(value: unknown, strings: string[], lists: object[][]): void {
  if (typeof value === 'string') strings.push(value);
  else if (Array.isArray(value)) {
    if (value.length > 1 && value.every((v) => v && typeof v === 'object' && !Array.isArray(v))) lists.push(value as object[]);
    for (const v of value) walk(v, strings, lists);
  } else if (value && typeof value === 'object') for (const v of Object.values(value)) walk(v, strings, lists);
}

const PERSON_KEYS = /^(person|personId|author|authorEmail|user|userKey|userId|email|login|assignee|assignees|reviewer|engineer|people)$/iu;

describe('no metrics route ranks people', () => {
  it('offers no sort, order, rank or top parameter on any metrics route', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const parameters = Object.entries(document.paths as Record<string, Record<string, { parameters?: { name: string }[] }>>)
      .filter(([path]) => path.startsWith('/api/metrics'))
      .flatMap(([, operations]) => Object.values(operations).flatMap((o) => (o.parameters ?? []).map((p) => p.name)));
    expect(parameters.filter((name) => /sort|order|rank|top|leader/iu.test(name))).toEqual([]);
  });

  it('never lists several people in any metrics response, called as HR for every team and person', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const routes = Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .filter(([path, operations]) => path.startsWith('/api/metrics') && 'get' in operations)
      .map(([path]) => path);
    expect(routes.length).toBeGreaterThanOrEqual(8);
    const urls = routes.flatMap((path) => {
      const query = '?from=2024-01-01&to=2024-03-29';
      if (path.includes('/people/{id}')) return people.map((p) => path.replace('{id}', String(p.id)) + query);
      if (path.includes('/teams/{id}')) return [path.replace('{id}', String(teamId)) + (path.endsWith('/slos') ? '' : query)];
      return [path + (path.includes('{') ? '' : query)];
    });
    const identities = people.map((p) => [p.name, p.email]);
    let checked = 0;
    for (const url of urls) {
      const response = await app.inject({ method: 'GET', url, headers: { cookie: hrCookie } });
      expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
      const strings: string[] = [];
      const lists: object[][] = [];
      walk(response.json(), strings, lists);
      const mentioned = identities.filter((ids) => ids.some((id) => strings.some((s) => s.includes(id))));
      expect(mentioned.length, `${url} mentions ${mentioned.map((m) => m[0]).join(', ')}`).toBeLessThanOrEqual(1);
      for (const list of lists) {
        const personal = list.filter((item) => Object.keys(item).some((key) => PERSON_KEYS.test(key)));
        expect(personal.length, `${url} lists records of several people`).toBeLessThanOrEqual(1);
      }
      checked++;
    }
    // The per-person routes did answer with that person's data (the check is not vacuous).
    const own = (await app.inject({ method: 'GET', url: `/api/metrics/people/${people[3]!.id}/code-signals?from=2024-01-01&to=2024-03-29`, headers: { cookie: hrCookie } })).json();
    expect(own.series.find((s: { signal: string }) => s.signal === 'commits').values.reduce((a: number, b: number) => a + b, 0)).toBe(48);
    expect(checked).toBe(urls.length);
  });
});
