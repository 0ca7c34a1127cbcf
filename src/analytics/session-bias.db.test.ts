import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { startTestServer } from '../../test/server.ts';
import { buildAccount, buildPerson, type BuiltPerson } from '../../test/factories.ts';
import { client, createRatedCycle, rate } from '../../test/analytics-org.ts';

/**
 * The live bias audit of a calibration session. Seventeen people under one manager: six women
 * (2 TT now, 3 proposed), six men (3 TT now and proposed), one non-binary person and four with no
 * gender recorded; half in Dublin, half in Berlin; L5 and L6.
 */
let database: Database;
let app: FastifyInstance;
let sessionId: number;
let cycleId: number;
let manager: BuiltPerson;
type Call = Awaited<ReturnType<typeof client>>;
const as = {} as Record<'hr' | 'scopedHr' | 'admin' | 'calibrator' | 'employee', Call>;
const url = () => `/api/calibration-sessions/${sessionId}/bias-audit`;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db);
  const db = database.db;
  const lead = await buildPerson(db, { level: 'L8', name: 'Session lead' });
  manager = await buildPerson(db, { manager: lead, level: 'L7', name: 'Session manager' });
  const elsewhere = await buildPerson(db, { level: 'L7', name: 'Elsewhere' });
  const hr = await buildAccount(db, { roles: ['hr'] });
  ({ cycleId, sessionId } = await createRatedCycle(db, { rootPersonId: lead.id, createdBy: hr.id, name: 'Session cycle' }));
  const people: BuiltPerson[] = [];
  for (let i = 0; i < 17; i++) {
    const gender = i < 6 ? 'Woman' : i < 12 ? 'Man' : i < 13 ? 'Non-binary' : null;
    const person = await buildPerson(db, { manager, level: i % 2 ? 'L6' : 'L5', name: `Session person ${i}`, ...(gender ? { attributes: { gender } } : {}) });
    await db.updateTable('people').set({ location: i % 2 ? 'Dublin' : 'Berlin' }).where('id', '=', person.id).execute();
    const ov = (i < 6 && i < 2) || (i >= 6 && i < 9) ? 'TT' : 'HV2';
    await rate(db, { cycleId, sessionId, person, manager, ov, proposed: i === 2 ? 'TT' : ov });
    people.push(person);
  }
  const calibrator = await buildAccount(db, { person: manager });
  await db.insertInto('calibration_calibrators').values({ session_id: sessionId, account_id: calibrator.id }).execute();
  let ip = 0;
  const sign = async (account: { email: string; password: string }) => client(app, account, `10.62.0.${++ip}`);
  as.hr = await sign(hr);
  as.scopedHr = await sign(await buildAccount(db, { roles: ['hr'], hrScope: { wholeOrganisation: false, rootPersonIds: [elsewhere.id] } }));
  as.admin = await sign(await buildAccount(db, { roles: ['admin'] }));
  as.calibrator = await sign(calibrator);
  as.employee = await sign(await buildAccount(db, { person: people[0]! }));
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('GET /api/calibration-sessions/{id}/bias-audit', () => {
  it('audits current and proposed ratings by gender within levels, for HR in scope', async () => {
    const response = await as.hr('GET', url());
    expect(response.statusCode, response.body).toBe(200);
    const audit = response.json();
    expect(audit.session).toMatchObject({ id: sessionId, status: 'open' });
    expect(audit.people).toBe(17);
    expect(audit.current.ok).toBe(true);
    expect(audit.current.report.groups).toEqual([
      { value: 'Man', n: 6, favourable: 3, share: 0.5 },
      { value: 'Woman', n: 6, favourable: 2, share: 2 / 6 },
    ]);
    expect(audit.proposed.report.groups).toEqual([
      { value: 'Man', n: 6, favourable: 3, share: 0.5 },
      { value: 'Woman', n: 6, favourable: 3, share: 0.5 },
    ]);
    expect(audit.current.report.controls).toEqual(['level']);
    expect(audit.current.report.outcome).toBe('OV rating (current)');
  });

  it('never names the group of one', async () => {
    const response = await as.hr('GET', url());
    expect(response.json().current.report.suppressed).toEqual({ groups: 2, people: 5 });
    expect(response.body).not.toContain('Non-binary');
  });

  it('is for the people who run the session: a calibrator gets 403, anyone else 404', async () => {
    expect((await as.calibrator('GET', url())).statusCode).toBe(403);
    expect((await as.employee('GET', url())).statusCode).toBe(404);
    expect((await as.scopedHr('GET', url())).statusCode).toBe(404);
  });

  it('lets an admin group by what they already read, never by a demographic attribute', async () => {
    const byGender = await as.admin('GET', url());
    expect(byGender.statusCode).toBe(403);
    expect(byGender.body).not.toContain('Woman');
    const byLocation = await as.admin('GET', `${url()}?group=location&controls=level`);
    expect(byLocation.statusCode, byLocation.body).toBe(200);
    expect(byLocation.json().current.report.groups.map((g: { value: string }) => g.value).sort()).toEqual(['Berlin', 'Dublin']);
    const controlByGender = await as.admin('GET', `${url()}?group=location&controls=attribute:gender`);
    expect(controlByGender.statusCode).toBe(403);
  });

  it('reads the Forte summary and custom favourable values, and explains what cannot be audited', async () => {
    const forte = await as.hr('GET', `${url()}?outcome=forte&favourable=Exceeds High Bar&controls=`);
    expect(forte.statusCode, forte.body).toBe(200);
    expect(forte.json().current.report.groups.find((g: { value: string }) => g.value === 'Woman').favourable).toBe(2);
    const byManager = await as.hr('GET', `${url()}?group=manager&controls=`);
    expect(byManager.json().current).toEqual({ ok: false, problems: [expect.stringContaining('has only one value')] });
    expect((await as.hr('GET', `${url()}?favourable=Top`)).statusCode).toBe(422);
  });

  it('hides the groups when someone joins the session between two looks', async () => {
    const before = await as.hr('GET', url());
    expect(before.json().current.report.groups).toHaveLength(2);
    const newcomer = await buildPerson(database.db, { manager, level: 'L5', attributes: { gender: 'Woman' } });
    await rate(database.db, { cycleId, sessionId, person: newcomer, manager, ov: 'TT' });
    const after = await as.hr('GET', url());
    expect(after.json().current.hiddenAcrossReports).toBe(2);
    expect(after.json().current.report.groups).toEqual([]);
    expect(after.json().proposed.report.groups).toEqual([]);
  });
});
