import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { loadActor, type Actor } from '../accounts/actor.ts';
import { seedDemo } from '../people/demo.service.ts';
import { growthOverview } from './check-ins.service.ts';
import { livingDocument } from './living-document.service.ts';
import { getWorkshop, listWorkshops } from './workshop.service.ts';
import { listPulses, pulseResults } from './pulses.service.ts';
import { seedDemoGrowth } from './demo-growth.ts';

// The demo's growth data: enough on every growth page for the demo sign-ins, the same rows from
// the same clock, and nothing added by seeding twice.

const now = new Date('2026-11-23T10:00:00Z');
let demo: Database;
let twin: Database;
const actors = {} as Record<'manager' | 'employee' | 'leader' | 'hr', Actor>;

beforeAll(async () => {
  [demo, twin] = await Promise.all([openTestDatabase(), openTestDatabase()]);
  const [result] = await Promise.all([seedDemo(demo.db, { now }), seedDemo(twin.db, { now })]);
  if (result.status !== 'seeded') throw new Error(`demo not seeded: ${result.status}`);
  for (const role of ['manager', 'employee', 'leader', 'hr'] as const) {
    const account = await demo.db.selectFrom('accounts').select('id').where('email', '=', result.accounts.find((a) => a.role === role)!.email).executeTakeFirstOrThrow();
    actors[role] = (await loadActor(demo.db, account.id))!;
  }
});
afterAll(async () => {
  await Promise.all([demo.close(), twin.close()]);
});

describe('the demo growth data', () => {
  it('gives the manager a report with recent check-ins and others overdue', async () => {
    const overview = await growthOverview(demo.db, { actor: actors.manager, now });
    const mine = overview.reports.find((r) => r.person.id === actors.employee.personId)!;
    expect(mine).toMatchObject({ overdue: false, openGoals: 2 });
    expect(mine.lastCheckIn).not.toBeNull();
    expect(overview.reports.some((r) => r.overdue)).toBe(true);
  });

  it('gives the employee a year of evidence with a closed quarter behind it', async () => {
    const doc = await livingDocument(demo.db, { actor: actors.employee, personId: actors.employee.personId!, now });
    const goals = doc.sections.find((s) => s.key === 'goals')!.items;
    expect(goals.filter((g) => g.text.includes('Outcome ('))).toHaveLength(2);
    expect(doc.recency.coveredMonths).toBeGreaterThanOrEqual(6);
  });

  it('leaves the open workshop’s ratings to the manager and reveals the earlier one', async () => {
    const { workshops } = await listWorkshops(demo.db, { actor: actors.manager });
    expect(workshops.map((w) => [w.name, w.status])).toEqual([['Before Forte 2026', 'open'], ['Mid-year 2026 warm-up', 'revealed']]);
    const open = await getWorkshop(demo.db, { actor: actors.manager, workshopId: workshops[0]!.id });
    expect(open.raters.find((r) => r.accountId === actors.manager.accountId)?.done).toBe(false);
    expect(open.packets.every((p) => p.myRating === null)).toBe(true);
    expect((await getWorkshop(demo.db, { actor: actors.manager, workshopId: workshops[1]!.id })).results?.alpha).not.toBeNull();
  });

  it('has a closed pulse with results for the leader and an open one for the employee’s team', async () => {
    const employeePulses = (await listPulses(demo.db, { actor: actors.employee, now })).pulses;
    expect(employeePulses.find((p) => p.title === 'Winter health check')).toMatchObject({ open: true, canAnswer: true });
    const closed = (await listPulses(demo.db, { actor: actors.leader, now })).pulses.find((p) => p.title === 'Autumn health check')!;
    const results = await pulseResults(demo.db, { actor: actors.leader, pulseId: closed.id, now });
    expect(results.total?.respondents).toBeGreaterThanOrEqual(closed.minGroupSize);
    for (const team of results.teams) expect(team.respondents).toBeGreaterThanOrEqual(closed.minGroupSize);
  });

  it('seeds the same rows from the same clock, and nothing more the second time', async () => {
    const snapshot = async (db: Kysely<DB>) => ({
      goals: (await db.selectFrom('goals').select(['quarter', 'objective', 'status', 'outcome', 'created_at']).orderBy('id').execute()),
      checkIns: (await db.selectFrom('check_ins').select(['held_on', 'notes', 'concern']).orderBy('id').execute()),
      items: (await db.selectFrom('living_document_items').select(['section', 'occurred_on', 'text']).orderBy('id').execute()),
      tallies: (await db.selectFrom('pulse_tallies').select(['question_key', 'value', 'n']).orderBy(['pulse_id', 'team_id', 'question_key', 'value']).execute()),
      ratings: (await db.selectFrom('workshop_ratings').select(['value']).orderBy(['packet_id', 'account_id']).execute()),
    });
    expect(await snapshot(twin.db)).toEqual(await snapshot(demo.db));
    expect(await seedDemoGrowth(demo.db, { now })).toEqual({ status: 'already-seeded' });
  });
});
