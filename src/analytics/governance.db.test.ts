import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import type { OvRatingValue } from '../db/schema.ts';
import { openTestDatabase } from '../../test/db.ts';
import { startTestServer } from '../../test/server.ts';
import { buildAccount, buildPerson, type BuiltPerson } from '../../test/factories.ts';
import { client, createRatedCycle, rate } from '../../test/analytics-org.ts';
import { ensureMonthPartitions, ORG_ID } from '../metrics/partitions.repository.ts';
import { AMAZON_POLICY } from '../policy/presets.ts';
import { policySchema } from '../policy/policy.schema.ts';
import { setActivePolicy } from '../policy/policy.service.ts';

/**
 * The governance analyses over HTTP. The organisation: a lead over four managers' organisations.
 * Alpha (10 people, team Payments) and Beta (10, team Ledger) hold 5 women and 5 men each, all hired as L5 on
 * 2023-01-01; 7 of the 10 men were promoted to L6 after a year, 2 of the 10 women after 30 months.
 * Alpha has no exits this year (behind its 6% URA target) and 3 LEs, 2 of them in Focus; Beta
 * lost 2 people unregretted (ahead) and has no LE. Gamma (2 people, team Tiny) and Delta (6, team
 * Search) are small.
 */
const NOW = new Date('2026-11-29T12:00:00Z');
let database: Database;
let app: FastifyInstance;
let cycleId: number;
let lead: BuiltPerson;
type Call = Awaited<ReturnType<typeof client>>;
const as = {} as Record<'hr' | 'scopedHr' | 'admin' | 'manager', Call>;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db, { now: () => NOW });
  const db = database.db;
  lead = await buildPerson(db, { level: 'L8', name: 'Lead' });
  const hr = await buildAccount(db, { roles: ['hr'] });
  let sessionId: number;
  ({ cycleId, sessionId } = await createRatedCycle(db, { rootPersonId: lead.id, createdBy: hr.id, name: 'Governance cycle', launchedAt: new Date('2026-09-01T00:00:00Z') }));
  const policy = await db.selectFrom('policies').select('id').where('key', '=', 'amazon').executeTakeFirstOrThrow();

  const orgs: Record<string, { head: BuiltPerson; people: BuiltPerson[] }> = {};
  for (const name of ['Alpha', 'Beta', 'Gamma', 'Delta']) orgs[name] = { head: await buildPerson(db, { manager: lead, level: 'L7', name }), people: [] };
  let menPromoted = 0;
  let womenPromoted = 0;
  let alphaLe = 0;
  for (const name of ['Alpha', 'Beta']) {
    for (let i = 0; i < 10; i++) {
      const gender = i % 2 === 0 ? 'Woman' : 'Man';
      const promoted = gender === 'Man' ? menPromoted++ < 7 : womenPromoted++ < 2;
      const on = gender === 'Man' ? '2024-01-01' : '2025-07-01';
      const person = await buildPerson(db, {
        manager: orgs[name]!.head,
        level: promoted ? 'L6' : 'L5',
        hireDate: '2023-01-01',
        name: `${name} ${i}`,
        team: name === 'Alpha' ? 'Payments' : 'Ledger',
        attributes: { gender, scope: promoted ? '3' : '1' },
      });
      orgs[name]!.people.push(person);
      const change = { person_id: person.id, base_cents: 10_000_000, details: '{}' };
      await db.insertInto('compensation_changes').values({ ...change, kind: 'hire', effective_on: '2023-01-01', level: 'L5' }).execute();
      if (promoted) await db.insertInto('compensation_changes').values({ ...change, kind: 'promotion', effective_on: on, level: 'L6' }).execute();
      // Alpha's first three people not promoted are rated LE, and the first two of them are in Focus.
      const le = !promoted && name === 'Alpha' && alphaLe < 3 ? ++alphaLe : 0;
      const ov: OvRatingValue = promoted ? 'TT' : le ? 'LE' : 'HV2';
      await rate(db, { cycleId, sessionId, person, manager: orgs[name]!.head, ov });
      if (le === 1 || le === 2) {
        await db
          .insertInto('pipeline_cases')
          .values({ person_id: person.id, policy_id: policy.id, source: 'rating', cycle_id: cycleId, stage: 'focus', stage_entered_at: NOW, state: JSON.stringify({}), opened_at: NOW })
          .execute();
      }
    }
  }
  for (const [name, count] of [['Gamma', 2], ['Delta', 6]] as const) {
    for (let i = 0; i < count; i++) {
      const person = await buildPerson(db, { manager: orgs[name]!.head, level: 'L5', hireDate: '2024-06-01', name: `${name} ${i}`, team: name === 'Gamma' ? 'Tiny' : 'Search' });
      await rate(db, { cycleId, sessionId, person, manager: orgs[name]!.head, ov: 'LE' });
    }
  }
  for (let i = 0; i < 2; i++) {
    const leaver = await buildPerson(db, { manager: orgs.Beta!.head, level: 'L5', hireDate: '2022-01-01', status: 'terminated' });
    await db.insertInto('exits').values({ person_id: leaver.id, exit_date: `2026-0${3 + i}-15`, kind: 'voluntary', regretted: false, reason: 'moved on' }).execute();
  }

  // Payments' operations: London members; pages at 03:00 (three) and 14:00 (one) on a Wednesday.
  const alpha = orgs.Alpha!.people;
  await db.updateTable('people').set({ time_zone: 'Europe/London' }).where('id', 'in', alpha.map((p) => p.id)).execute();
  const pageTimes = ['2026-11-04T03:00:00Z', '2026-11-04T03:30:00Z', '2026-11-11T03:00:00Z', '2026-11-11T14:00:00Z'];
  const moments = [...pageTimes, '2026-11-02T00:00:00Z', '2026-11-03T10:00:00Z', '2026-11-04T10:00:00Z'].map((t) => Date.parse(t));
  for (const table of ['oncall_pages', 'oncall_shifts', 'commits', 'incidents'] as const) await ensureMonthPartitions(db, table, moments);
  await db.insertInto('oncall_pages').values(pageTimes.map((at, i) => ({ org_id: ORG_ID, service_id: null, source: 'test', external_id: `p${i}`, person_ref: alpha[i % 2]!.email.toUpperCase(), incident_external_id: null, at, occurred_at: at }))).execute();
  await db.insertInto('oncall_shifts').values({ org_id: ORG_ID, service_id: null, schedule: 'payments', person_ref: alpha[0]!.email, starts_at: '2026-11-02T00:00:00Z', ends_at: '2026-11-16T00:00:00Z', occurred_at: '2026-11-02T00:00:00Z' }).execute();
  const { id: serviceId } = await db.insertInto('services').values({ org_id: ORG_ID, name: 'payments-api' }).returning('id').executeTakeFirstOrThrow();
  const { id: repositoryId } = await db.insertInto('repositories').values({ org_id: ORG_ID, key: 'payments', url: null, name: 'payments' }).returning('id').executeTakeFirstOrThrow();
  const team = await db.selectFrom('teams').select('id').where('name', '=', 'Payments').executeTakeFirstOrThrow();
  await db.insertInto('team_services').values({ team_id: team.id, service_id: serviceId }).execute();
  await db.insertInto('team_repositories').values({ team_id: team.id, repository_id: repositoryId }).execute();
  const commit = (sha: string, subject: string, at: string) => ({ org_id: ORG_ID, repository_id: repositoryId, sha, author_name: 'a', author_email: alpha[0]!.email, authored_at: at, committer_email: alpha[0]!.email, committed_at: at, additions: 1, deletions: 0, files_changed: 1, subject, occurred_at: at });
  await db.insertInto('commits').values([commit('a1', 'Add ledger retries', '2026-11-03T10:00:00Z'), commit('b2', 'Revert "Add ledger retries"', '2026-11-04T10:00:00Z'), commit('c3', 'Tidy logs', '2026-11-04T10:00:00Z')]).execute();
  await db
    .insertInto('incidents')
    .values({ org_id: ORG_ID, service_id: serviceId, source: 'test', external_id: 'i1', title: 'Ledger down', severity: 'SEV2', status: 'resolved', created_at: '2026-11-04T03:00:00Z', resolved_at: null, lead_time_minutes: null, assignees: [alpha[0]!.email], analysis_author: null, analysis_url: null, deployment_id: null, deployment_finished_at: null, occurred_at: '2026-11-04T03:00:00Z' })
    .execute();

  let ip = 0;
  const sign = async (account: { email: string; password: string }) => client(app, account, `10.62.0.${++ip}`);
  as.hr = await sign(hr);
  as.scopedHr = await sign(await buildAccount(db, { roles: ['hr'], hrScope: { wholeOrganisation: false, rootPersonIds: [orgs.Gamma!.head.id] } }));
  as.admin = await sign(await buildAccount(db, { roles: ['admin'] }));
  as.manager = await sign(await buildAccount(db, { person: orgs.Alpha!.head }));
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('GET /api/analytics/promotion-velocity', () => {
  it('compares time to promotion within level, counting the not-yet-promoted as censored', async () => {
    const response = await as.hr('GET', '/api/analytics/promotion-velocity?group=attribute:gender&reference=Man');
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    const l5 = report.levels.find((l: { level: string }) => l.level === 'L5');
    const cell = (g: string) => l5.groups.find((x: { group: string }) => x.group === g);
    expect(cell('Man')).toMatchObject({ n: 10, promoted: 7, censored: 3 });
    expect(cell('Man').medianMonths).toBeCloseTo(365 / 30.4375, 6);
    expect(cell('Woman')).toMatchObject({ n: 10, promoted: 2, censored: 8, medianMonths: null });
    // At L6, 2 women are hidden, and the 7 men with them.
    expect(report.levels.find((l: { level: string }) => l.level === 'L6')).toMatchObject({ groups: [], suppressed: { groups: 2, people: 9 } });
    const woman = report.comparisons.find((c: { group: string }) => c.group === 'Woman');
    // Hand-computed log-rank: O = 2, E = 3.5 + 2 x 10/13 = 5.04, chi-square 6.07.
    expect(woman.observed).toBe(2);
    expect(woman.expected).toBeCloseTo(3.5 + 20 / 13, 6);
    expect(woman.p).toBeLessThan(0.05);
    expect(report.findings.join(' ')).toMatch(/"Woman" against "Man" .*slower; a significant difference/u);
    expect(JSON.stringify(report)).not.toMatch(/"n":[1-4],/u);
  });

  it('refuses level as the group, a minimum below the policy, and people outside HR', async () => {
    expect((await as.hr('GET', '/api/analytics/promotion-velocity?group=level')).statusCode).toBe(400);
    const small = await as.hr('GET', '/api/analytics/promotion-velocity?group=attribute:gender&minGroup=4');
    expect(small.statusCode).toBe(422);
    expect(small.headers['content-type']).toContain('application/problem+json');
    expect(small.json().detail).toContain("below the policy's 5");
    expect((await as.admin('GET', '/api/analytics/promotion-velocity?group=attribute:gender')).statusCode).toBe(403);
    expect((await as.manager('GET', '/api/analytics/promotion-velocity?group=attribute:gender')).statusCode).toBe(403);
    expect((await as.scopedHr('GET', `/api/analytics/promotion-velocity?group=attribute:gender&rootPersonId=${lead.id}`)).statusCode).toBe(404);
  });
});

describe('POST /api/analytics/complexity', () => {
  it('shows ratings rising with scope, and the gender gap within scope', async () => {
    const response = await as.hr('POST', '/api/analytics/complexity', { cycleId, favourable: ['TT'], complexity: 'scope', group: 'attribute:gender', controls: [], reference: 'Man' });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json();
    // Gamma's and Delta's 8 people have no scope recorded.
    expect(result.notRecorded).toBe(8);
    expect(result.byComplexity.rows).toEqual([
      { value: '1', score: 1, n: 11, favourable: 0, share: 0 },
      { value: '3', score: 3, n: 9, favourable: 9, share: 1 },
    ]);
    expect(result.byComplexity.trend.r).toBeCloseTo(1, 10);
    expect(result.gaps).toHaveLength(1);
    expect(result.gaps[0]).toMatchObject({ group: 'Woman', reference: 'Man' });
    expect(result.findings.join(' ')).toMatch(/Ratings rise with scope/u);
  });

  it('refuses words without an order, an attribute nobody has, and the complexity as the group', async () => {
    const body = { cycleId, favourable: ['TT'], complexity: 'gender', group: 'attribute:scope', controls: [] };
    const words = await as.hr('POST', '/api/analytics/complexity', body);
    expect(words.statusCode).toBe(422);
    expect(words.json().detail).toContain('give their order, lowest first');
    const nobody = await as.hr('POST', '/api/analytics/complexity', { ...body, complexity: 'project size' });
    expect(nobody.json().detail).toContain('Nobody rated in this cycle');
    const same = await as.hr('POST', '/api/analytics/complexity', { ...body, complexity: 'scope' });
    expect(same.json().detail).toContain('cannot also be the group');
  });
});

describe('GET /api/analytics/ura-governance', () => {
  it('reports URA against target, LE and Focus shares per organisation, and whether they cluster', async () => {
    const response = await as.hr('GET', `/api/analytics/ura-governance?cycleId=${cycleId}`);
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({ year: 2026, asOf: '2026-11-29' });
    // Gamma (2 rated) is hidden, and Delta (6) with it.
    expect(report.suppressed).toEqual({ organisations: 2, people: 8 });
    const [alpha, beta] = report.organisations;
    expect(alpha).toMatchObject({ targetPercent: 6, targetToDatePercent: 6, uraToDatePercent: 0, rated: 10, le: 3, focus: 2, behind: true });
    expect(alpha.name).toMatch(/^Alpha/u);
    expect(beta).toMatchObject({ rated: 10, le: 0, focus: 0, behind: false });
    // Beta: 2 unregretted exits over 13 people on 1 January.
    expect(beta.uraToDatePercent).toBeCloseTo(15.38, 2);
    expect(report.le).toMatchObject({ behind: { n: 10, outcome: 3 }, onTrack: { n: 10, outcome: 0 } });
    // Fisher: 3 of 10 against 0 of 10, two-sided p = 0.2105.
    expect(report.le.fisherP).toBeCloseTo(0.210526, 5);
    expect(report.findings.join(' ')).toMatch(/LE ratings: 3 of 10 .*No significant clustering/u);
    const logged = await database.db.selectFrom('pipeline_access_log').select('resource').where('resource', '=', 'ura-governance').execute();
    expect(logged.length).toBeGreaterThan(0);
  });

  it('is for HR in scope only', async () => {
    expect((await as.admin('GET', `/api/analytics/ura-governance?cycleId=${cycleId}`)).statusCode).toBe(403);
    expect((await as.scopedHr('GET', `/api/analytics/ura-governance?cycleId=${cycleId}`)).statusCode).toBe(404);
    expect((await as.hr('GET', `/api/analytics/ura-governance?cycleId=${cycleId}&year=2030`)).statusCode).toBe(422);
  });
});

describe('GET /api/analytics/sustainable-work', () => {
  it('gives team signals, never people, and hides small teams', async () => {
    const response = await as.hr('GET', '/api/analytics/sustainable-work?from=2026-11-01&to=2026-11-29');
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    // Tiny (2) is hidden, and Search (6) with it; Ledger has no activity: named, not tabled.
    expect(report.suppressed).toEqual({ teams: 2, people: 8 });
    expect(report.quietTeams).toEqual(['Ledger']);
    expect(report.teams.map((t: { name: string }) => t.name)).toEqual(['Payments']);
    const payments = report.teams[0];
    expect(payments).toMatchObject({
      name: 'Payments',
      members: 10,
      pages: { total: 4, outsideHours: 3, unknownTimeZone: 0 },
      incidents: { total: 1, outsideHours: 1, unknownTimeZone: 0 },
      onCall: { membersOnRota: 1, pagesPerOnCallWeek: 2 },
      rework: { commits: 3, reverts: 1, quickReverts: 1 },
    });
    // 336 hours of shifts over 10 people and 4 weeks.
    expect(payments.onCall.hoursPerPersonWeek).toBeCloseTo(8.4, 10);
    expect(response.body).not.toMatch(/@example\.test|personId/u);
  });

  it('is for HR partners and administrators; a bad period is a 400', async () => {
    expect((await as.admin('GET', '/api/analytics/sustainable-work?from=2026-11-01&to=2026-11-29')).statusCode).toBe(200);
    expect((await as.manager('GET', '/api/analytics/sustainable-work')).statusCode).toBe(403);
    expect((await as.hr('GET', '/api/analytics/sustainable-work?from=2026-11-29&to=2026-11-01')).statusCode).toBe(400);
    expect((await as.hr('GET', '/api/analytics/sustainable-work?from=2026-02-30')).statusCode).toBe(400);
  });
});

describe("the policy's analytics section", () => {
  it('sets the minimum group size and the working day of every report', async () => {
    const db = database.db;
    const strict = { ...AMAZON_POLICY, key: 'strict-analytics', name: 'Strict', analytics: { minGroupSize: 11, workingHours: { startHour: 2, endHour: 20 }, reworkDays: 1 } };
    await db.insertInto('policies').values({ key: strict.key, version: 1, document: JSON.stringify(policySchema.parse(strict)) }).execute();
    await setActivePolicy(db, strict.key);
    try {
      const work = (await as.hr('GET', '/api/analytics/sustainable-work?from=2026-11-01&to=2026-11-29')).json();
      expect(work).toMatchObject({ minGroup: 11, reworkDays: 1, workingHours: { startHour: 2, endHour: 20 }, teams: [], suppressed: { teams: 4, people: 28 } });
      const velocity = (await as.hr('GET', '/api/analytics/promotion-velocity?group=attribute:gender')).json();
      expect(velocity.minGroup).toBe(11);
      expect(velocity.levels.flatMap((l: { groups: unknown[] }) => l.groups)).toEqual([]);
      expect((await as.hr('GET', '/api/analytics/promotion-velocity?group=attribute:gender&minGroup=10')).statusCode).toBe(422);
    } finally {
      await setActivePolicy(db, 'amazon');
    }
  });
});
