import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { startTestServer } from '../../test/server.ts';
import { api } from '../../test/forte-helpers.ts';
import { buildCycle, buildPromotionOrg, giveRating, type PromotionOrg } from '../../test/promotion-helpers.ts';
import { setActivePolicy } from '../policy/policy.service.ts';

// Pay through the HTTP API: the worked examples of docs/compensation.md end to end, every refusal
// storing nothing, and who may read pay under each preset.

let database: Database;
let app: FastifyInstance;
let http: ReturnType<typeof api>;
let org: PromotionOrg;
const clock = new Date('2026-03-02T09:00:00Z');

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db, { now: () => clock });
  http = api(app);
  org = await buildPromotionOrg(database.db, app, 'pay');
  // An SDE II for the worked examples.
  await database.db.updateTable('people').set({ level: 'L5' }).where('id', '=', org.people.candidate.id).execute();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const stored = async () => ({
  changes: Number((await database.db.selectFrom('compensation_changes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
  grants: Number((await database.db.selectFrom('equity_grants').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
  audit: Number((await database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
});
const changes = () => `/api/people/${org.people.candidate.id}/compensation/changes`;
const statement = () => `/api/people/${org.people.candidate.id}/compensation`;

describe('compensation', () => {
  it('refuses negative, non-numeric and fractional amounts and a vesting schedule that does not sum to 100, storing nothing', async () => {
    const before = await stored();
    const bodies = [
      { kind: 'hire', effectiveOn: '2026-03-02', baseCents: -100, sharePriceCents: 10_000 },
      { kind: 'hire', effectiveOn: '2026-03-02', baseCents: 'a lot', sharePriceCents: 10_000 },
      { kind: 'hire', effectiveOn: '2026-03-02', baseCents: 15_000_000.5, sharePriceCents: 10_000 },
      { kind: 'hire', effectiveOn: '2026-03-02', baseCents: 15_000_000, sharePriceCents: 0 },
      { kind: 'hire', effectiveOn: '2026-02-30', baseCents: 15_000_000, sharePriceCents: 10_000 },
      { kind: 'hire', effectiveOn: '2026-03-02', baseCents: 15_000_000, sharePriceCents: 10_000, vestingPercent: [5, 15, 40, 30] },
      { kind: 'merit', effectiveOn: '2026-03-02', percent: 'two' },
      { kind: 'bonus', effectiveOn: '2026-03-02', amountCents: 100 },
    ];
    for (const body of bodies) {
      const response = await http.send(org.cookies.hr, 'POST', changes(), body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const vesting = await http.send(org.cookies.hr, 'POST', changes(), bodies[5]!);
    expect(vesting.json().errors).toEqual([{ path: 'body.vestingPercent', message: 'the vesting percentages must sum to 100' }]);
    expect(await stored()).toEqual(before);
  });

  it('records a hire as worked example 1: 4,000 shares and sign-on in years 1 and 2', async () => {
    expect((await http.send(org.cookies.manager, 'POST', changes(), { kind: 'hire', effectiveOn: '2026-03-02', baseCents: 15_000_000, sharePriceCents: 10_000 })).statusCode).toBe(403);
    const hired = await http.send(org.cookies.hr, 'POST', changes(), { kind: 'hire', effectiveOn: '2026-03-02', baseCents: 15_000_000, sharePriceCents: 10_000 });
    expect(hired.statusCode, hired.body).toBe(201);
    expect(hired.json()).toMatchObject({ kind: 'hire', baseCents: 15_000_000, grantShares: 4000, signOnCents: 12_000_000 });
    const again = await http.send(org.cookies.hr, 'POST', changes(), { kind: 'hire', effectiveOn: '2026-03-02', baseCents: 15_000_000, sharePriceCents: 10_000 });
    expect(again.json()).toMatchObject({ code: 'COMPENSATION_RULE_VIOLATED', rule: 'ALREADY_HIRED' });

    const read = await http.get(org.cookies.candidate, `${statement()}?sharePriceCents=10000`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().years.map((y: { equityCents: number; signOnCents: number; totalCents: number }) => [y.equityCents, y.signOnCents, y.totalCents])).toEqual([
      [2_000_000, 8_000_000, 25_000_000],
      [6_000_000, 4_000_000, 25_000_000],
      [16_000_000, 0, 31_000_000],
      [16_000_000, 0, 31_000_000],
    ]);
    // The amazon preset shows figures without explanations.
    expect(read.json()).toMatchObject({ explained: false, targetCents: 25_000_000 });
    expect(read.json().years[0].explanations).toEqual([]);
  });

  it('sizes merit by the rating the person was told, within its band', async () => {
    const none = await http.send(org.cookies.hr, 'POST', changes(), { kind: 'merit', effectiveOn: '2026-04-01', percent: 2 });
    expect(none.json()).toMatchObject({ rule: 'NO_RATING' });
    const cycleId = await buildCycle(database.db, org, clock);
    await giveRating(database.db, { cycleId, personId: org.people.candidate.id, ov: 'LE', forteSummary: 'Needs Improvement', createdBy: org.accounts.hr.id, at: new Date('2026-03-10T00:00:00Z') });
    const before = await stored();
    const outside = await http.send(org.cookies.hr, 'POST', changes(), { kind: 'merit', effectiveOn: '2026-04-01', percent: 1.5 });
    expect(outside.statusCode).toBe(422);
    expect(outside.json()).toMatchObject({ rule: 'OUTSIDE_BAND', errors: [{ path: 'body.percent', message: '1.50% is outside the Needs Improvement band (0.00% to 1.00%)' }] });
    expect(await stored()).toEqual(before);
    const merit = await http.send(org.cookies.hr, 'POST', changes(), { kind: 'merit', effectiveOn: '2026-04-01', percent: 1 });
    expect(merit.json()).toMatchObject({ baseCents: 15_150_000, summary: 'Merit 1.00% for Needs Improvement: base $150,000.00 to $151,500.00.' });
  });

  it('refuses a retention offer without a named VP in the chain, then records it with one', async () => {
    const before = await stored();
    for (const approverPersonId of [undefined, org.people.manager.id, org.people.candidate.id]) {
      const refused = await http.send(org.cookies.hr, 'POST', changes(), { kind: 'retention', effectiveOn: '2026-06-01', valueCents: 7_500_000, sharePriceCents: 12_500, ...(approverPersonId ? { approverPersonId } : {}) });
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'COMPENSATION_RULE_VIOLATED', rule: 'APPROVAL_REQUIRED' });
    }
    expect(await stored()).toEqual(before);
    const approved = await http.send(org.cookies.hr, 'POST', changes(), { kind: 'retention', effectiveOn: '2026-06-01', valueCents: 7_500_000, sharePriceCents: 12_500, approverPersonId: org.people.vp.id });
    expect(approved.statusCode, approved.body).toBe(201);
    expect(approved.json()).toMatchObject({ grantShares: 600, summary: 'Retention grant of 600 shares ($75,000.00 at $125.00), approved by Vera VP pay.' });
    const history = (await http.get(org.cookies.hr, statement())).json().history;
    expect(history.at(-1)).toMatchObject({ kind: 'retention', approvedBy: 'Vera VP pay' });
  });

  it('grants no refresh when the stock has risen (the positive case is worked example 5)', async () => {
    const rose = await http.send(org.cookies.hr, 'POST', changes(), { kind: 'refresh', effectiveOn: '2029-03-02', sharePriceCents: 30_000 });
    expect(rose.statusCode, rose.body).toBe(201);
    expect(rose.json()).toMatchObject({ grantShares: 0 });
    expect(rose.json().summary).toMatch(/^No refresh: unvested shares worth/u);
  });

  it('restores a boomerang to the package they had before', async () => {
    expect((await http.send(org.cookies.hr, 'POST', changes(), { kind: 'boomerang', effectiveOn: '2028-06-01' })).json()).toMatchObject({ rule: 'NOT_A_BOOMERANG' });
    expect((await http.send(org.cookies.hr, 'POST', changes(), { kind: 'departure', effectiveOn: '2029-09-01' })).statusCode).toBe(201);
    expect((await http.get(org.cookies.candidate, statement())).json()).toMatchObject({ hasPackage: false, notes: ['Left the company: no pay in force.'] });
    const back = await http.send(org.cookies.hr, 'POST', changes(), { kind: 'boomerang', effectiveOn: '2030-06-01', sharePriceCents: 10_000 });
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json()).toMatchObject({ kind: 'boomerang', baseCents: 15_150_000 });
    const grants = (await http.get(org.cookies.hr, `${statement()}?asOf=2030-06-01`)).json().grants;
    expect(grants).toHaveLength(1);
    // Unvested on 2029-09-01: the hire's last tranche (1,600 on 2030-03-02) and the retention's
    // last (240 on 2030-06-01), each 273 days later.
    expect(grants[0]).toMatchObject({ kind: 'boomerang', shares: 1840 });
    expect(grants[0].tranches).toEqual([
      { on: '2030-11-30', shares: 1600 },
      { on: '2031-03-01', shares: 240 },
    ]);
  });

  it('lets the chain read pay under amazon, but not under humane, where every number is explained', async () => {
    expect((await http.get(org.cookies.manager, statement())).statusCode).toBe(200);
    expect((await http.get(org.cookies.peer, statement())).statusCode).toBe(404);
    await setActivePolicy(database.db, 'humane');
    try {
      expect((await http.get(org.cookies.manager, statement())).statusCode).toBe(404);
      const own = (await http.get(org.cookies.candidate, `${statement()}?sharePriceCents=10000`)).json();
      expect(own.explained).toBe(true);
      expect(own.years[0].explanations[0]).toMatch(/^Base salary \$151,500\.00 a year/u);
      expect((await http.get(org.cookies.hr, statement())).statusCode).toBe(200);
      // The growth side stays open to the manager.
      expect((await http.get(org.cookies.manager, `/api/people/${org.people.candidate.id}/career`)).statusCode).toBe(200);
    } finally {
      await setActivePolicy(database.db, 'amazon');
    }
  });

  it('adds up an organisation’s budget for HR, and not for managers', async () => {
    expect((await http.get(org.cookies.manager, `/api/compensation/budget?rootPersonId=${org.people.vp.id}&sharePriceCents=10000`)).statusCode).toBe(403);
    const noPrice = await http.get(org.cookies.hr, `/api/compensation/budget?rootPersonId=${org.people.vp.id}`);
    expect(noPrice.json()).toMatchObject({ rule: 'NO_SHARE_PRICE' });
    expect((await http.send(org.cookies.manager, 'POST', '/api/compensation/share-prices', { priceCents: 10_000, asOf: '2026-03-01' })).statusCode).toBe(403);
    expect((await http.send(org.cookies.hr, 'POST', '/api/compensation/share-prices', { priceCents: 10_000, asOf: '2026-03-01' })).statusCode).toBe(201);
    const budget = await http.get(org.cookies.hr, `/api/compensation/budget?rootPersonId=${org.people.vp.id}`);
    expect(budget.statusCode, budget.body).toBe(200);
    expect(budget.json()).toMatchObject({ sharePriceCents: 10_000, totals: { people: 1, baseCents: 15_150_000, meritMinCents: 0, meritMaxCents: 151_500, unrated: 0 } });
    expect(budget.json().withoutPackage).toBeGreaterThan(5);
    expect(budget.json().byLevel.map((l: { level: string }) => l.level)).toEqual(['L5']);
  });
});
