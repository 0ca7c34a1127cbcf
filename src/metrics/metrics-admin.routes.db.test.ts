import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { buildAccount, buildPerson, type BuiltPerson } from '../../test/factories.ts';
import { signInCookie, startTestServer, WRITE_HEADERS } from '../../test/server.ts';
import { mapTeam } from './catalog.repository.ts';
import { upsertOncallPages, upsertOperationalItems } from './operations.repository.ts';
import { signWebhook } from './sources/webhook-signature.ts';

/** Identity mapping, webhook secret rotation and the team operations section, over HTTP. */
let now = new Date('2024-03-29T12:00:00Z');
let database: Database;
let app: FastifyInstance;
let engineer: BuiltPerson;
let other: BuiltPerson;
let teamId: number;
const cookies: Record<'engineer' | 'other' | 'hr' | 'admin', string> = {} as never;
let accounts: Record<keyof typeof cookies, { email: string; password: string }>;
/** Moves the clock; sessions idle past their timeout, so everyone signs in again. */
async function travelTo(moment: string) {
  now = new Date(moment);
  for (const [who, account] of Object.entries(accounts)) cookies[who as keyof typeof cookies] = await signInCookie(app, account.email, account.password);
}

beforeAll(async () => {
  database = await openTestDatabase();
  const db = database.db;
  app = await startTestServer(db, { now: () => now });
  engineer = await buildPerson(db, { team: 'Ledger', email: 'eng@example.test' });
  other = await buildPerson(db, { team: 'Search' });
  accounts = {
    engineer: await buildAccount(db, { person: engineer }),
    other: await buildAccount(db, { person: other }),
    hr: await buildAccount(db, { roles: ['hr'] }),
    admin: await buildAccount(db, { roles: ['admin'] }),
  };
  for (const [who, account] of Object.entries(accounts)) cookies[who as keyof typeof cookies] = await signInCookie(app, account.email, account.password);
  teamId = (await db.selectFrom('teams').select('id').where('name', '=', 'Ledger').executeTakeFirstOrThrow()).id;
  await mapTeam(db, { teamId, services: ['ledger'], repositories: [] });
  const day = (d: string) => Date.parse(`${d}T12:00:00Z`);
  await upsertOperationalItems(db, [
    { source: 'csv', externalId: 'V1', service: 'ledger', kind: 'vulnerability', severity: 'high', title: 'x', openedAt: day('2024-03-01'), resolvedAt: day('2024-03-05') },
    { source: 'csv', externalId: 'V2', service: 'ledger', kind: 'vulnerability', severity: 'low', title: 'y', openedAt: day('2024-03-10'), resolvedAt: null },
    { source: 'csv', externalId: 'T1', service: 'ledger', kind: 'ticket', severity: null, title: 'z', openedAt: day('2024-03-11'), resolvedAt: day('2024-03-12') },
  ]);
  await upsertOncallPages(db, [
    { source: 'pagerduty', externalId: 'P1', person: 'PENG1', service: 'ledger', incidentExternalId: null, at: day('2024-03-12') },
    { source: 'pagerduty', externalId: 'P2', person: 'octo-eng', service: 'ledger', incidentExternalId: null, at: day('2024-03-13') },
  ]);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const request = (method: 'GET' | 'PUT' | 'DELETE' | 'POST', url: string, who: keyof typeof cookies, payload?: object) =>
  app.inject({ method, url, headers: { cookie: cookies[who], ...(method === 'GET' ? {} : WRITE_HEADERS) }, ...(payload ? { payload } : {}) });
const audit = (action: string) => database.db.selectFrom('audit_events').select(['subject_id', 'details']).where('action', '=', action).orderBy('seq').execute();

describe('team operations', () => {
  it("shows a team's vulnerabilities, tickets and pages to anyone signed in, naming no one", async () => {
    const response = await request('GET', `/api/metrics/teams/${teamId}/operations?from=2024-03-01&to=2024-03-29`, 'other');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.services[0].vulnerabilities).toEqual({ open: 1, openedInPeriod: 2, resolvedInPeriod: 1, medianDaysToResolve: 4, openBySeverity: [{ severity: 'low', open: 1 }] });
    expect(body.services[0].tickets).toMatchObject({ open: 0, resolvedInPeriod: 1, medianDaysToResolve: 1 });
    expect(body.pages.total).toBe(2);
    expect(response.body).not.toContain('PENG1');
  });
});

describe('identities', () => {
  it('lists the unmapped identities the events name to admins and HR only', async () => {
    for (const who of ['admin', 'hr'] as const) {
      const response = await request('GET', '/api/metrics/identities/unmapped', who);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({
        identities: [
          { kind: 'pagerduty', value: 'octo-eng', seenIn: ['on-call pages'], lastSeen: '2024-03-13T12:00:00.000Z' },
          { kind: 'pagerduty', value: 'peng1', seenIn: ['on-call pages'], lastSeen: '2024-03-12T12:00:00.000Z' },
        ],
        total: 2,
        limit: 500,
      });
    }
    expect((await request('GET', '/api/metrics/identities/unmapped', 'engineer')).statusCode).toBe(403);
  });

  it('maps an identity (audited), refuses it for someone else, and unmaps it', async () => {
    const url = `/api/metrics/people/${engineer.id}/identities`;
    expect((await request('PUT', url, 'engineer', { kind: 'pagerduty', value: 'PENG1' })).statusCode).toBe(403);
    const mapped = await request('PUT', url, 'admin', { kind: 'pagerduty', value: 'PENG1' });
    expect(mapped.statusCode, mapped.body).toBe(200);
    expect(mapped.json()).toEqual({ kind: 'pagerduty', value: 'peng1', changed: true });
    expect((await request('PUT', url, 'hr', { kind: 'pagerduty', value: 'peng1' })).json()).toEqual({ kind: 'pagerduty', value: 'peng1', changed: false });
    const taken = await request('PUT', `/api/metrics/people/${other.id}/identities`, 'admin', { kind: 'pagerduty', value: 'peng1' });
    expect(taken.statusCode).toBe(409);
    expect((await request('PUT', `/api/metrics/people/${other.id}/identities`, 'admin', { kind: 'email', value: 'eng@example.test' })).statusCode).toBe(409);
    expect((await request('PUT', url, 'admin', { kind: 'email', value: 'not an email' })).statusCode).toBe(400);
    expect(await audit('metrics.identity_mapped')).toEqual([{ subject_id: String(engineer.id), details: { kind: 'pagerduty', value: 'peng1' } }]);

    // The person sees their own identities, with when the events last named each; others do not.
    const own = await request('GET', `${url}?from=2024-03-01&to=2024-03-29`, 'engineer');
    expect(own.json().identities).toEqual([
      { kind: 'email', value: 'eng@example.test', directory: true, lastSeen: null },
      { kind: 'pagerduty', value: 'peng1', directory: false, lastSeen: '2024-03-12T12:00:00.000Z' },
    ]);
    expect((await request('GET', url, 'other')).statusCode).toBe(403);
    expect((await request('GET', '/api/metrics/identities/unmapped', 'admin')).json().total).toBe(1);

    expect((await request('DELETE', `${url}?kind=pagerduty&value=PENG1`, 'engineer')).statusCode).toBe(403);
    expect((await request('DELETE', `${url}?kind=pagerduty&value=PENG1`, 'admin')).json()).toEqual({ removed: true });
    expect((await request('DELETE', `${url}?kind=pagerduty&value=PENG1`, 'admin')).json()).toEqual({ removed: false });
    expect(await audit('metrics.identity_unmapped')).toHaveLength(1);
  });
});

describe('webhook sources', () => {
  const body = JSON.stringify({ type: 'incident', id: 'inc-1', service: 'ledger', createdAt: '2024-03-20T10:00:00Z' });
  const deliver = (secret: string) => {
    const at = Math.floor(now.getTime() / 1000);
    return app.inject({ method: 'POST', url: '/api/metrics/webhooks/deploys', headers: { 'content-type': 'application/json', 'x-highbar-timestamp': String(at), 'x-highbar-signature': signWebhook(secret, at, body) }, payload: body });
  };

  it('lets only admins create, list and rotate; the secret is shown once and never listed', async () => {
    for (const who of ['hr', 'engineer'] as const) {
      expect((await request('POST', '/api/webhook-sources', who, { name: 'deploys' })).statusCode).toBe(403);
      expect((await request('GET', '/api/webhook-sources', who)).statusCode).toBe(403);
    }
    const created = await request('POST', '/api/webhook-sources', 'admin', { name: 'deploys' });
    expect(created.statusCode, created.body).toBe(201);
    const first = created.json().secret as string;
    expect(first).toMatch(/^whsec_/u);
    expect((await request('POST', '/api/webhook-sources', 'admin', { name: 'deploys' })).statusCode).toBe(409);
    const list = await request('GET', '/api/webhook-sources', 'admin');
    expect(list.json()).toEqual({ sources: [{ name: 'deploys', createdAt: now.toISOString(), rotatedAt: null, previousValidUntil: null }], defaultGraceHours: 24 });
    expect(list.body).not.toContain(first);
    expect((await deliver(first)).statusCode).toBe(202);
  });

  it('keeps the old secret working for the grace period after a rotation, then refuses it', async () => {
    const rotated = await request('POST', '/api/webhook-sources/deploys/rotate', 'admin', { graceHours: 2 });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const { secret, previousValidUntil } = rotated.json();
    expect(previousValidUntil).toBe('2024-03-29T14:00:00.000Z');
    const [old] = await database.db.selectFrom('webhook_sources').select('previous_secret').execute();
    expect((await deliver(old!.previous_secret!)).statusCode).toBe(202);
    expect((await deliver(secret)).statusCode).toBe(202);
    await travelTo('2024-03-29T14:00:01Z');
    expect((await deliver(old!.previous_secret!)).statusCode).toBe(401);
    expect((await deliver(secret)).statusCode).toBe(202);
    expect((await request('GET', '/api/webhook-sources', 'admin')).json().sources[0]).toMatchObject({ rotatedAt: '2024-03-29T12:00:00.000Z', previousValidUntil: null });
    expect((await request('POST', '/api/webhook-sources/deploys/rotate', 'hr', {})).statusCode).toBe(403);
    expect((await request('POST', '/api/webhook-sources/nothing/rotate', 'admin', {})).statusCode).toBe(404);
  });

  it('stops the old secret at once with a zero grace period, and audits every change without the secret', async () => {
    const before = (await database.db.selectFrom('webhook_sources').select('secret').executeTakeFirstOrThrow()).secret;
    const rotated = await request('POST', '/api/webhook-sources/deploys/rotate', 'admin', { graceHours: 0 });
    expect(rotated.json().previousValidUntil).toBeNull();
    expect((await deliver(before)).statusCode).toBe(401);
    expect((await deliver(rotated.json().secret)).statusCode).toBe(202);
    const events = await database.db.selectFrom('audit_events').select(['action', 'subject_id', 'details']).where('subject_type', '=', 'webhook_source').orderBy('seq').execute();
    expect(events.map((e) => [e.action, e.subject_id])).toEqual([
      ['metrics.webhook_source_created', 'deploys'],
      ['metrics.webhook_secret_rotated', 'deploys'],
      ['metrics.webhook_secret_rotated', 'deploys'],
    ]);
    expect(JSON.stringify(events)).not.toContain('whsec_');
  });
});
