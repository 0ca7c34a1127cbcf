import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/database.ts';
import { READ_LOG_EXTENSION } from '../src/app/sensitive-reads.ts';
import { STEP_UP_EXTENSION } from '../src/app/auth.ts';
import { openTestDatabase } from './db.ts';
import { buildAccount, buildPerson, type BuiltPerson } from './factories.ts';
import { signInCookie, startTestServer } from './server.ts';

/**
 * Reads of calibration and demographic records are logged, reader by reader (ASVS 5.0 16.3.2 at
 * level 3): every such route is marked, a successful read leaves one row naming the reader, the
 * route and the person read about, and a refused read leaves none.
 */
let database: Database;
let app: FastifyInstance;
let person: BuiltPerson;
let outside: BuiltPerson;
const cookies: Record<string, string> = {};
const accounts: Record<string, number> = {};

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db);
  const db = database.db;
  const top = await buildPerson(db, { name: 'Tess Top', level: 'L8' });
  const left = await buildPerson(db, { name: 'Lou Left', manager: top, level: 'L6' });
  const right = await buildPerson(db, { name: 'Rae Right', manager: top, level: 'L6' });
  person = await buildPerson(db, { name: 'Pia Person', manager: left, level: 'L5', attributes: { gender: 'female' } });
  outside = await buildPerson(db, { name: 'Oli Outside', manager: right, level: 'L5', attributes: { gender: 'male' } });
  const built = {
    hr: await buildAccount(db, { roles: ['hr'], hrScope: { wholeOrganisation: false, rootPersonIds: [left.id] } }),
    employee: await buildAccount(db, { person }),
  };
  for (const [key, account] of Object.entries(built)) {
    cookies[key] = await signInCookie(app, account.email, account.password);
    accounts[key] = account.id;
  }
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });
const readsBy = (who: string) =>
  database.db.selectFrom('sensitive_reads').select(['resource', 'route', 'subject_person_id', 'subject', 'request_id']).where('reader_account_id', '=', accounts[who]!).orderBy('id').execute();

type Operation = { method: string; path: string; tags?: string[]; [key: string]: unknown };

describe('the sensitive-read log', () => {
  it('covers every calibration and demographics read that needs a recent password, and nothing else', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>> };
    const operations: Operation[] = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ ...op, method: method.toUpperCase(), path })));
    // Pipeline reads are logged per case in pipeline_access_log; the data export is audited whole.
    const ownLog = (path: string) => /^\/api\/(pipeline|ura|transfer-requests)\b/u.test(path) || path.endsWith('/data-export');
    const shouldLog = operations.filter((o) => o.method === 'GET' && o[STEP_UP_EXTENSION] === true && !ownLog(o.path));
    const logged = operations.filter((o) => o[READ_LOG_EXTENSION] !== undefined);
    expect(shouldLog.filter((o) => o[READ_LOG_EXTENSION] === undefined).map((o) => `${o.method} ${o.path}`), 'sensitive reads without sensitiveRead').toEqual([]);
    expect(logged.filter((o) => o.method !== 'GET').map((o) => `${o.method} ${o.path}`), 'only reads are marked').toEqual([]);
    expect(logged.map((o) => o[READ_LOG_EXTENSION])).toContain('demographics');
    expect(logged.length).toBeGreaterThanOrEqual(8);
  });

  it('logs an HR partner’s read of demographics with the person and the request, once', async () => {
    const read = await get('hr', `/api/people/${person.id}/demographics`);
    expect(read.statusCode).toBe(200);
    expect(await readsBy('hr')).toEqual([
      { resource: 'demographics', route: 'GET /api/people/:id/demographics', subject_person_id: person.id, subject: { id: person.id }, request_id: read.headers['x-request-id'] },
    ]);
  });

  it('logs nothing for a refused read', async () => {
    const before = (await readsBy('hr')).length;
    expect((await get('hr', `/api/people/${outside.id}/demographics`)).statusCode).toBe(404);
    expect((await get('employee', `/api/people/${person.id}/demographics`)).statusCode).toBe(404);
    expect(await readsBy('hr')).toHaveLength(before);
    expect(await readsBy('employee')).toEqual([]);
  });

  it('logs calibration reads with their query, and rating histories with the person', async () => {
    const before = (await readsBy('hr')).length;
    expect((await get('hr', '/api/calibration-sessions?cycleId=7')).statusCode).toBe(200);
    const history = await get('hr', `/api/people/${person.id}/rating-history`);
    expect(history.statusCode).toBe(200);
    expect((await readsBy('hr')).slice(before)).toEqual([
      expect.objectContaining({ resource: 'calibration', route: 'GET /api/calibration-sessions', subject_person_id: null, subject: { cycleId: 7 } }),
      expect.objectContaining({ resource: 'calibration', route: 'GET /api/people/:id/rating-history', subject_person_id: person.id }),
    ]);
  });
});
