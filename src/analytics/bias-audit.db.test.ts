import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { startTestServer } from '../../test/server.ts';
import { buildAccount, buildPerson, type BuiltPerson } from '../../test/factories.ts';
import { buildRatedPeople, client, createRatedCycle } from '../../test/analytics-org.ts';

/**
 * Bias audits of the app's own ratings over HTTP. The organisation: a lead over two managers.
 * Under "big": 11 women, 15 men, 2 non-binary people and 4 people with no gender recorded; under
 * "small": 1 woman and 6 men. Women 12 in all (3 rated TT), men 21 (8 TT).
 */
let database: Database;
let app: FastifyInstance;
let cycleId: number;
let sessionId: number;
let lead: BuiltPerson;
let big: BuiltPerson;
let small: BuiltPerson;
type Call = Awaited<ReturnType<typeof client>>;
const as = {} as Record<'hr' | 'otherHr' | 'scopedHr' | 'admin' | 'adminHr' | 'manager' | 'employee', Call>;

const AUDIT = { outcome: 'ov', favourable: ['TT', 'HV3'], group: 'attribute:gender', controls: ['level'] };

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db);
  const db = database.db;
  lead = await buildPerson(db, { level: 'L8', name: 'Lead' });
  big = await buildPerson(db, { manager: lead, level: 'L7', name: 'Big manager' });
  small = await buildPerson(db, { manager: lead, level: 'L7', name: 'Small manager' });
  const hr = await buildAccount(db, { roles: ['hr'] });
  ({ cycleId, sessionId } = await createRatedCycle(db, { rootPersonId: lead.id, createdBy: hr.id, name: 'Audit cycle' }));
  const group = (manager: BuiltPerson, gender: string | null, level: string, count: number, favourable: number) =>
    buildRatedPeople(db, { cycleId, sessionId, manager, count, favourable, gender, level, tag: manager.name });
  const employees = await group(big, 'Woman', 'L5', 6, 2);
  await group(big, 'Woman', 'L6', 5, 1);
  await group(big, 'Man', 'L5', 8, 3);
  await group(big, 'Man', 'L6', 7, 4);
  await group(big, 'Non-binary', 'L5', 2, 2);
  await group(big, null, 'L6', 4, 1);
  await group(small, 'Woman', 'L5', 1, 0);
  await group(small, 'Man', 'L5', 3, 1);
  await group(small, 'Man', 'L6', 3, 0);

  let ip = 0;
  const sign = async (account: { email: string; password: string }) => client(app, account, `10.61.0.${++ip}`);
  as.hr = await sign(hr);
  as.otherHr = await sign(await buildAccount(db, { roles: ['hr'] }));
  as.scopedHr = await sign(await buildAccount(db, { roles: ['hr'], hrScope: { wholeOrganisation: false, rootPersonIds: [small.id] } }));
  as.admin = await sign(await buildAccount(db, { roles: ['admin'] }));
  as.adminHr = await sign(await buildAccount(db, { roles: ['admin', 'hr'] }));
  as.manager = await sign(await buildAccount(db, { person: big }));
  as.employee = await sign(await buildAccount(db, { person: employees[0]! }));
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('POST /api/analytics/bias-audits', () => {
  it("audits a cycle's ratings by gender within levels, with the offline engine's report", async () => {
    const response = await as.hr('POST', '/api/analytics/bias-audits', { ...AUDIT, cycleId });
    expect(response.statusCode, response.body).toBe(200);
    const { report, hiddenAcrossReports } = response.json();
    expect(hiddenAcrossReports).toBe(0);
    expect(report.outcome).toBe('OV rating');
    expect(report.group).toBe('gender');
    expect(report.controls).toEqual(['level']);
    expect(report.groups).toEqual([
      { value: 'Man', n: 21, favourable: 8, share: 8 / 21 },
      { value: 'Woman', n: 12, favourable: 3, share: 3 / 12 },
    ]);
    const [woman] = report.comparisons;
    expect(woman.reference).toBe('Man');
    // Raw 2x2: women 3 TT of 12, men 8 of 21.
    expect(woman.unadjusted.oddsRatio).toBeCloseTo((3 * 13) / (9 * 8), 12);
    expect(woman.adjusted.strata).toBe(2);
    expect(report.ordinal.grades).toEqual(['LE', 'HV1', 'HV2', 'HV3', 'TT']);
    expect(report.findings[0]).toContain('OV rating by gender');
  });

  it('never shows a group below the minimum: 2 non-binary people and 4 unrecorded are counted, not named', async () => {
    const response = await as.hr('POST', '/api/analytics/bias-audits', { ...AUDIT, cycleId });
    const { report } = response.json();
    expect(report.suppressed).toEqual({ groups: 2, people: 6 });
    expect(response.body).not.toContain('Non-binary');
    expect(response.body).not.toContain('(not recorded)');
  });

  it("covers only the HR partner's scope: one woman and six men under 'small' show no group at all", async () => {
    const response = await as.scopedHr('POST', '/api/analytics/bias-audits', { ...AUDIT, cycleId, controls: [] });
    expect(response.statusCode, response.body).toBe(200);
    const { report, hiddenAcrossReports } = response.json();
    expect(report.groups).toEqual([]);
    expect(report.suppressed).toEqual({ groups: 2, people: 7 });
    // The men are hidden by complementary suppression within this one report, not by memory.
    expect(hiddenAcrossReports).toBe(0);
    expect(report.findings.join(' ')).not.toContain('reports you ran');
    expect(report.comparisons).toEqual([]);
  });

  it('answers 404 for a subtree outside the scope', async () => {
    const response = await as.scopedHr('POST', '/api/analytics/bias-audits', { ...AUDIT, cycleId, rootPersonId: big.id });
    expect(response.statusCode).toBe(404);
  });

  it('refuses everyone but HR: managers, employees and admins without the HR role get 403', async () => {
    for (const who of [as.manager, as.employee, as.admin]) {
      const response = await who('POST', '/api/analytics/bias-audits', { ...AUDIT, cycleId });
      expect(response.statusCode).toBe(403);
      expect(response.body).not.toContain('Woman');
    }
    expect((await as.adminHr('POST', '/api/analytics/bias-audits', { ...AUDIT, cycleId })).statusCode).toBe(200);
  });

  it('refuses what cannot be analysed with 422 and every reason', async () => {
    const unknown = await as.hr('POST', '/api/analytics/bias-audits', { ...AUDIT, cycleId, favourable: ['TT', 'Great'] });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe('ANALYSIS_REFUSED');
    expect(unknown.json().detail).toContain('"Great" is not a value of the OV rating');
    // Everyone under "big" is at L5 or L6, but grouping and controlling by level is one column twice.
    const twice = await as.hr('POST', '/api/analytics/bias-audits', { ...AUDIT, cycleId, group: 'level' });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().detail).toContain('must be different columns');
    const oneStratum = await as.hr('POST', '/api/analytics/bias-audits', { ...AUDIT, cycleId, controls: ['location'] });
    expect(oneStratum.statusCode).toBe(422);
    expect(oneStratum.json().detail).toContain('Location has only one value');
    const missingCycle = await as.hr('POST', '/api/analytics/bias-audits', { ...AUDIT });
    expect(missingCycle.statusCode).toBe(400);
    const tooSmall = await as.hr('POST', '/api/analytics/bias-audits', { ...AUDIT, cycleId, minGroup: 3 });
    expect(tooSmall.statusCode).toBe(422);
    expect(tooSmall.json().detail).toContain("below the policy's 5 (analytics.minGroupSize)");
    expect((await as.hr('POST', '/api/analytics/bias-audits', { ...AUDIT, cycleId, minGroup: 2 })).statusCode).toBe(400);
  });

  it('audits exits from the people records', async () => {
    const leaver = await buildPerson(database.db, { manager: small, level: 'L5', status: 'terminated', attributes: { gender: 'Man' } });
    const response = await as.otherHr('POST', '/api/analytics/bias-audits', { outcome: 'exit', favourable: ['stayed'], group: 'attribute:gender' });
    expect(response.statusCode, response.body).toBe(200);
    const man = response.json().report.groups.find((g: { value: string }) => g.value === 'Man');
    expect(man.n - man.favourable).toBe(1);
    await database.db.deleteFrom('person_attributes').where('person_id', '=', leaver.id).execute();
    await database.db.deleteFrom('people').where('id', '=', leaver.id).execute();
  });
});

describe('suppression across reports', () => {
  it('hides a group that a second, overlapping filter would expose by subtraction', async () => {
    const org = await as.adminHr('POST', '/api/analytics/bias-audits', { ...AUDIT, cycleId });
    expect(org.json().report.groups.map((g: { value: string }) => g.value)).toEqual(['Man', 'Woman']);
    // Under "big" there are 11 of the 12 women: the two reports would give away the woman under
    // "small". And 15 of the 21 men: "small" has 7 people, 6 of them men, so showing the men
    // would say its seventh is not one. Both are hidden.
    const bigOnly = await as.adminHr('POST', '/api/analytics/bias-audits', { ...AUDIT, cycleId, rootPersonId: big.id });
    expect(bigOnly.statusCode, bigOnly.body).toBe(200);
    const { report, hiddenAcrossReports } = bigOnly.json();
    expect(hiddenAcrossReports).toBe(2);
    expect(report.groups).toEqual([]);
    expect(report.suppressed).toEqual({ groups: 4, people: 32 });
    expect(report.findings.join(' ')).toContain('together with the reports you ran in the last 180 days');
    // Asked again, the whole organisation still shows both groups: nothing new is revealed.
    const again = await as.adminHr('POST', '/api/analytics/bias-audits', { ...AUDIT, cycleId });
    expect(again.json().report.groups.map((g: { value: string }) => g.value)).toEqual(['Man', 'Woman']);
  });

  it('remembers per reader: another HR partner asking only about "big" sees its women', async () => {
    const bigOnly = await as.otherHr('POST', '/api/analytics/bias-audits', { ...AUDIT, cycleId, rootPersonId: big.id });
    expect(bigOnly.json().report.groups).toEqual([
      { value: 'Man', n: 15, favourable: 7, share: 7 / 15 },
      { value: 'Woman', n: 11, favourable: 3, share: 3 / 11 },
    ]);
  });

  it('hides the groups of a report run again after one person joined', async () => {
    const before = await as.hr('POST', '/api/analytics/bias-audits', { ...AUDIT, cycleId });
    expect(before.json().report.groups.map((g: { value: string }) => g.value)).toEqual(['Man', 'Woman']);
    const [newcomer] = await buildRatedPeople(database.db, { cycleId, sessionId, manager: big, count: 1, favourable: 1, gender: 'Woman', level: 'L5', tag: 'Newcomer' });
    // Whichever group showed one more, the reader would know the newcomer's gender.
    const after = await as.hr('POST', '/api/analytics/bias-audits', { ...AUDIT, cycleId });
    expect(after.json().hiddenAcrossReports).toBe(2);
    expect(after.json().report.groups).toEqual([]);
    // A different grouping of the same people is a different question, answered in full.
    const byLevel = await as.hr('POST', '/api/analytics/bias-audits', { ...AUDIT, cycleId, group: 'level', controls: [] });
    expect(byLevel.json().report.groups.map((g: { value: string }) => g.value)).toEqual(['L5', 'L6']);
    await database.db.deleteFrom('calibrated_ratings').where('person_id', '=', newcomer!.id).execute();
  });
});

describe('GET /api/analytics/manager-drift', () => {
  it("shrinks each proposing manager's share towards the organisation's and names them for HR", async () => {
    const response = await as.otherHr('GET', `/api/analytics/manager-drift?cycleId=${cycleId}&favourable=TT,HV3`);
    expect(response.statusCode, response.body).toBe(200);
    const drift = response.json();
    expect(drift.orgRate).toBeCloseTo(14 / 39, 12);
    const byName = Object.fromEntries(drift.managers.map((m: { manager: { name: string } }) => [m.manager.name, m]));
    expect(byName['Big manager']).toMatchObject({ n: 32, favourable: 13, rawRate: 13 / 32 });
    expect(byName['Small manager']).toMatchObject({ n: 7, favourable: 1, rawRate: 1 / 7 });
    for (const m of drift.managers) expect(m.shrunkRate).toBeGreaterThan(0);
  });

  it('is for HR only', async () => {
    expect((await as.manager('GET', `/api/analytics/manager-drift?cycleId=${cycleId}&favourable=TT`)).statusCode).toBe(403);
  });

  it('refuses a scope with one manager in plain words', async () => {
    const response = await as.scopedHr('GET', `/api/analytics/manager-drift?cycleId=${cycleId}&favourable=TT`);
    expect(response.statusCode).toBe(422);
    expect(response.json().detail).toContain('name 1 manager');
  });
});

describe('GET /api/analytics/attributes', () => {
  it('lists the attributes recorded in scope', async () => {
    expect((await as.hr('GET', '/api/analytics/attributes')).json()).toEqual({ attributes: ['gender'] });
    expect((await as.employee('GET', '/api/analytics/attributes')).statusCode).toBe(403);
  });
});

describe('the organisation', () => {
  it('is as described at the top, after every test has cleaned up (a guard for the numbers above)', async () => {
    const count = await database.db.selectFrom('calibrated_ratings').select((eb) => eb.fn.countAll<number>().as('n')).where('session_id', '=', sessionId).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(39);
  });
});
