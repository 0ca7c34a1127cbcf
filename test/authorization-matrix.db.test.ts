import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Database } from '../src/db/database.ts';
import { openTestDatabase } from './db.ts';
import { buildAccount, buildPerson, type BuiltPerson } from './factories.ts';
import { signInCookie, startTestServer, WRITE_HEADERS } from './server.ts';

/**
 * Every route of the OpenAPI document against every role and no session. A route missing
 * from EXPECTATIONS fails the suite: new routes must state who may call them.
 */
type Outcome = 'allow' | 'deny' | 'allow-without-private';
type Who = 'anonymous' | 'employee' | 'manager' | 'hr' | 'admin';
const WHO: Who[] = ['anonymous', 'employee', 'manager', 'hr', 'admin'];

const all = (outcome: Outcome): Record<Who, Outcome> => ({ anonymous: outcome, employee: outcome, manager: outcome, hr: outcome, admin: outcome });
const signedIn = (outcome: Outcome): Record<Who, Outcome> => ({ ...all(outcome), anonymous: 'deny' });
const only = (...roles: Who[]): Record<Who, Outcome> =>
  Object.fromEntries(WHO.map((w) => [w, roles.includes(w) ? 'allow' : 'deny'])) as Record<Who, Outcome>;

const EXPECTATIONS: Record<string, Record<Who, Outcome>> = {
  'GET /api/health': all('allow'),
  'POST /api/session': all('allow'),
  'DELETE /api/session': signedIn('allow'),
  'GET /api/me': signedIn('allow'),
  'POST /api/me/password': signedIn('allow'),
  'GET /api/accounts': only('admin'),
  'GET /api/accounts/{id}': only('admin'),
  'POST /api/accounts': only('admin'),
  'PATCH /api/accounts/{id}': only('admin'),
  'GET /api/people': signedIn('allow'),
  // The target sits outside the employee's and the manager's subtrees.
  'GET /api/people/{id}': { anonymous: 'deny', employee: 'allow-without-private', manager: 'allow-without-private', hr: 'allow', admin: 'allow' },
  'GET /api/people/{id}/demographics': only('hr'),
  'GET /api/teams': signedIn('allow'),
  'GET /api/ladders': signedIn('allow'),
  'POST /api/imports/people': only('admin'),
};

let database: Database;
let app: FastifyInstance;
let target: BuiltPerson;
let targetAccountId: number;
const accounts = {} as Record<Exclude<Who, 'anonymous'>, { email: string; password: string }>;
let counter = 0;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db);
  const db = database.db;
  const top = await buildPerson(db, { level: 'L8' });
  const manager = await buildPerson(db, { manager: top, level: 'L6' });
  const engineer = await buildPerson(db, { manager, level: 'L5' });
  const otherManager = await buildPerson(db, { manager: top, level: 'L6' });
  target = await buildPerson(db, { manager: otherManager, level: 'L5', attributes: { gender: 'female' } });
  accounts.employee = await buildAccount(db, { person: engineer });
  accounts.manager = await buildAccount(db, { person: manager });
  accounts.hr = await buildAccount(db, { roles: ['hr'] });
  accounts.admin = await buildAccount(db, { roles: ['admin'] });
  targetAccountId = (await buildAccount(db, { person: target })).id;
});
afterAll(async () => {
  await app.close();
  await database.close();
});

function sampleRequest(route: string, who: Who): InjectOptions {
  const [method, path] = route.split(' ') as [InjectOptions['method'], string];
  const url = path.replace('{id}', String(route.includes('/accounts/') ? targetAccountId : target.id));
  const account = who === 'anonymous' ? accounts.employee : accounts[who];
  const bodies: Record<string, unknown> = {
    'POST /api/session': { email: account.email, password: account.password },
    'POST /api/me/password': { currentPassword: account.password, newPassword: account.password },
    'POST /api/accounts': { email: `new${++counter}@example.test`, name: 'New Person', password: 'a sensible long passphrase', roles: ['employee'] },
    'PATCH /api/accounts/{id}': { name: `Renamed ${++counter}` },
  };
  if (route === 'POST /api/imports/people') {
    return {
      method,
      url: `${url}?dryRun=true`,
      headers: { ...WRITE_HEADERS, 'content-type': 'text/csv' },
      payload: 'employee_id,name,email,manager_id,level,hire_date\nZ1,Zed,zed@example.test,,L5,2020-01-01\n',
    };
  }
  return { method, url, headers: method === 'GET' ? {} : WRITE_HEADERS, ...(bodies[route] ? { payload: bodies[route] as object } : {}) };
}

describe('authorization matrix', () => {
  it('covers every route in the OpenAPI document', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const routes = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((r) => !EXPECTATIONS[r]), 'routes without an authorization expectation').toEqual([]);
    expect(Object.keys(EXPECTATIONS).filter((r) => !routes.includes(r)), 'expectations for routes that no longer exist').toEqual([]);
  });

  for (const [route, expected] of Object.entries(EXPECTATIONS)) {
    for (const who of WHO) {
      it(`${route} as ${who}: ${expected[who]}`, async () => {
        const request = sampleRequest(route, who);
        if (who !== 'anonymous' && route !== 'POST /api/session') {
          const account = accounts[who];
          request.headers = { ...request.headers, cookie: await signInCookie(app, account.email, account.password) };
        }
        const response = await app.inject(request);
        if (expected[who] === 'deny') {
          expect([401, 403, 404], response.body).toContain(response.statusCode);
          expect(response.body).not.toContain('"private"');
          expect(response.body).not.toContain('female');
          if (who === 'anonymous') expect(response.statusCode).toBe(401);
        } else {
          expect(response.statusCode, response.body).toBeGreaterThanOrEqual(200);
          expect(response.statusCode, response.body).toBeLessThan(300);
          if (expected[who] === 'allow-without-private') expect(response.json()).not.toHaveProperty('private');
          if (route === 'GET /api/people/{id}' && expected[who] === 'allow') expect(response.json()).toHaveProperty('private');
        }
      });
    }
  }
});
