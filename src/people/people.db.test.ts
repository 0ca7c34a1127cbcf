import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { buildAccount, buildPerson, type BuiltPerson } from '../../test/factories.ts';
import { signInCookie, startTestServer } from '../../test/server.ts';

let database: Database;
let app: FastifyInstance;
const people: Record<string, BuiltPerson> = {};
const cookies: Record<string, string> = {};

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db);
  const db = database.db;
  people.top = await buildPerson(db, { name: 'Tess Top', level: 'L8', attributes: { gender: 'female' } });
  people.m1 = await buildPerson(db, { name: 'Mina Manager', manager: people.top, level: 'L6', team: 'Ledger', attributes: { gender: 'female' } });
  people.m2 = await buildPerson(db, { name: 'Omar Other', manager: people.top, level: 'L6', team: 'Search' });
  people.e1 = await buildPerson(db, { name: 'Eli Engineer', manager: people.m1, level: 'L5', team: 'Ledger', hireDate: '2021-04-05', attributes: { gender: 'male', age_band: '25-34' } });
  people.e2 = await buildPerson(db, { name: 'Eva Engineer', manager: people.m1, level: 'L4', team: 'Ledger', hireDate: '2023-07-08' });
  people.e3 = await buildPerson(db, { name: 'Ezra Elsewhere', manager: people.m2, level: 'L5', team: 'Search', attributes: { gender: 'non-binary' } });
  people.gone = await buildPerson(db, { name: 'Gwen Gone', manager: people.m2, status: 'terminated' });

  const accounts = {
    e1: await buildAccount(db, { person: people.e1 }),
    m1: await buildAccount(db, { person: people.m1 }),
    top: await buildAccount(db, { person: people.top }),
    hrAll: await buildAccount(db, { roles: ['hr'] }),
    hrM2: await buildAccount(db, { roles: ['hr'], hrScope: { wholeOrganisation: false, rootPersonIds: [people.m2.id] } }),
    admin: await buildAccount(db, { roles: ['admin'] }),
  };
  for (const [key, account] of Object.entries(accounts)) cookies[key] = await signInCookie(app, account.email, account.password);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });

describe('private records', () => {
  it('shows an employee their own private record but never a colleague’s', async () => {
    const own = await get('e1', `/api/people/${people.e1!.id}`);
    expect(own.json().private).toEqual({ level: 'L5', levelTitle: 'SDE II', hireDate: '2021-04-05', status: 'active', timeZone: null });
    const colleague = await get('e1', `/api/people/${people.e2!.id}`);
    expect(colleague.statusCode).toBe(200);
    expect(colleague.json()).not.toHaveProperty('private');
    expect(colleague.body).not.toContain('2023-07-08');
    const boss = await get('e1', `/api/people/${people.m1!.id}`);
    expect(boss.json()).not.toHaveProperty('private');
  });

  it('leaves private fields out of directory listings for readers who may not see them', async () => {
    const list = await get('e1', '/api/people?limit=200');
    expect(list.statusCode).toBe(200);
    const rows = list.json().people as { id: number; private?: unknown }[];
    expect(rows.filter((r) => r.private).map((r) => r.id)).toEqual([people.e1!.id]);
    expect(list.body).not.toContain('2023-07-08');
  });

  it('shows a manager their whole subtree, and nothing outside it', async () => {
    const team = await get('m1', `/api/people?managerId=${people.m1!.id}`);
    expect(team.json().people.map((p: { name: string }) => p.name)).toEqual(['Eli Engineer', 'Eva Engineer']);
    expect(team.json().people.every((p: { private?: unknown }) => p.private)).toBe(true);
    expect((await get('m1', `/api/people/${people.e3!.id}`)).json()).not.toHaveProperty('private');
    expect((await get('top', `/api/people/${people.e3!.id}`)).json().private.level).toBe('L5');
  });

  it('scopes HR partners to their subtrees', async () => {
    expect((await get('hrM2', `/api/people/${people.e3!.id}`)).json().private).toBeDefined();
    expect((await get('hrM2', `/api/people/${people.e1!.id}`)).json()).not.toHaveProperty('private');
    expect((await get('hrAll', `/api/people/${people.e1!.id}`)).json().private).toBeDefined();
  });

  it('hides leavers from the directory unless the reader may see their record', async () => {
    expect((await get('e1', `/api/people/${people.gone!.id}`)).statusCode).toBe(404);
    expect((await get('e1', '/api/people?q=Gwen')).json().total).toBe(0);
    expect((await get('hrM2', `/api/people/${people.gone!.id}`)).json().private.status).toBe('terminated');
  });
});

describe('demographics', () => {
  it('are readable by HR in scope only: everyone else gets 404, never the data', async () => {
    const url = `/api/people/${people.e1!.id}/demographics`;
    for (const who of ['e1', 'm1', 'top', 'admin', 'hrM2']) {
      const response = await get(who, url);
      expect(response.statusCode, who).toBe(404);
      expect(response.body).not.toContain('25-34');
    }
    const hr = await get('hrAll', url);
    expect(hr.json()).toEqual({ personId: people.e1!.id, attributes: { age_band: '25-34', gender: 'male' } });
    expect((await get('hrM2', `/api/people/${people.e3!.id}/demographics`)).json().attributes).toEqual({ gender: 'non-binary' });
  });

  it('never appear in person or directory responses, even for HR', async () => {
    const detail = await get('hrAll', `/api/people/${people.e1!.id}`);
    const list = await get('hrAll', '/api/people?limit=200');
    for (const body of [detail.body, list.body]) {
      expect(body).not.toContain('non-binary');
      expect(body).not.toContain('25-34');
    }
  });
});

describe('directory', () => {
  it('searches by name, title, team and employee id, case-insensitively, with totals for paging', async () => {
    expect((await get('e1', '/api/people?q=engineer')).json().people.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['Eli Engineer', 'Eva Engineer']),
    );
    expect((await get('e1', '/api/people?q=LEDGER')).json().total).toBe(3);
    expect((await get('e1', `/api/people?q=${people.e3!.employeeId}`)).json().people[0].name).toBe('Ezra Elsewhere');
    const page = await get('e1', '/api/people?limit=2&offset=2');
    expect(page.json().people).toHaveLength(2);
    expect(page.json().total).toBe(6);
  });

  it('treats LIKE wildcards in the search as text', async () => {
    expect((await get('e1', '/api/people?q=%25')).json().total).toBe(0);
    expect((await get('e1', '/api/people?q=_')).json().total).toBe(0);
  });

  it('rejects unknown query parameters and marks personal data no-store', async () => {
    const response = await get('e1', '/api/people?role=admin');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect((await get('e1', '/api/people')).headers['cache-control']).toBe('no-store');
  });

  it('reports direct reports and manager for each person', async () => {
    const m1 = (await get('e1', `/api/people/${people.m1!.id}`)).json();
    expect(m1.directReports).toBe(2);
    expect(m1.manager).toEqual({ id: people.top!.id, name: 'Tess Top' });
    expect(m1.team).toMatchObject({ name: 'Ledger' });
  });
});
