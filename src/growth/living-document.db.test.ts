import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { startTestServer } from '../../test/server.ts';
import { api } from '../../test/forte-helpers.ts';
import { buildGrowthOrg, deliverReview, type GrowthOrg } from '../../test/growth-helpers.ts';
import { setActivePolicy } from '../policy/policy.service.ts';
import { assembleEvidencePacket } from './living-document.service.ts';
import { proposalEvidenceSchema } from '../shared/schemas/calibration.ts';

// The living evidence document, the calibration packet it makes, and development plans that end
// a delivered review and are followed up in the next check-in.

let database: Database;
let app: FastifyInstance;
let http: ReturnType<typeof api>;
let org: GrowthOrg;
const clock = new Date('2026-11-20T09:00:00Z');

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db, { now: () => clock });
  http = api(app);
  await setActivePolicy(database.db, 'humane');
  org = await buildGrowthOrg(database.db, app, 'ld');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const doc = async (cookie: string) => (await http.get(cookie, `/api/people/${org.people.engineer.id}/living-document?from=2026-01-01&to=2026-12-31`)).json();
type Item = { key: string; section: string; text: string; excluded: boolean; private: boolean };
const items = (document: { sections: { items: Item[] }[] }) => document.sections.flatMap((s) => s.items);

describe('the living document', () => {
  beforeAll(async () => {
    const erin = org.people.engineer.id;
    const goal = (await http.send(org.cookies.engineer, 'POST', `/api/people/${erin}/goals`, { quarter: '2026-Q3', objective: 'Move the ledger to the new store', measurableResult: 'zero data loss, under 5 min downtime' })).json();
    await http.send(org.cookies.engineer, 'POST', `/api/people/${erin}/goals/close-quarter`, { quarter: '2026-Q3', outcomes: [{ goalId: goal.id, status: 'achieved', outcome: 'Moved in August with 2 minutes of downtime.' }] });
    await http.send(org.cookies.manager, 'POST', `/api/people/${erin}/log`, { kind: 'win', occurredOn: '2026-03-12', body: 'Shipped idempotent payment retries.' });
    await http.send(org.cookies.engineer, 'POST', `/api/people/${erin}/living-document/items`, { section: 'incidents', occurredOn: '2026-06-03', text: 'Led the June card-auth incident; wrote the RCA.', highlight: true });
    await http.send(org.cookies.engineer, 'POST', `/api/people/${erin}/living-document/items`, { section: 'multiplier', occurredOn: '2026-09-15', text: 'Started weekly runbook reviews the team now runs.' });
    await http.send(org.cookies.manager, 'POST', `/api/people/${erin}/check-ins`, { heldOn: '2026-10-01', cadence: 'monthly', notes: 'Private: feeling stretched by on-call.' });
  });

  it('assembles goals, log notes, check-ins and hand-written items into sections', async () => {
    const mine = await doc(org.cookies.engineer);
    const bySection = Object.fromEntries(mine.sections.map((s: { key: string; items: Item[] }) => [s.key, s.items.map((i) => i.text)]));
    expect(bySection.goals).toEqual(['2026-Q3: Move the ledger to the new store; measured by zero data loss, under 5 min downtime. Outcome (achieved): Moved in August with 2 minutes of downtime.']);
    expect(bySection.shipped).toEqual(['Shipped idempotent payment retries.']);
    expect(bySection.incidents).toEqual(['Led the June card-auth incident; wrote the RCA.']);
    expect(bySection.growth).toEqual(['Private: feeling stretched by on-call.']);
    expect(mine.canEdit).toBe(true);
    expect(mine.unavailable).toEqual(['incidents', 'slo']);
    expect(mine.recency).toMatchObject({ total: 5, coveredMonths: 5 });
  });

  it('shows the chain above the manager everything but the pair’s check-in notes, and nobody else anything', async () => {
    expect(items(await doc(org.cookies.lead)).some((i) => i.text.includes('stretched'))).toBe(false);
    expect(items(await doc(org.cookies.manager)).some((i) => i.text.includes('stretched'))).toBe(true);
    expect((await http.get(org.cookies.colleague, `/api/people/${org.people.engineer.id}/living-document`)).statusCode).toBe(404);
    expect((await http.send(org.cookies.colleague, 'POST', `/api/people/${org.people.engineer.id}/living-document/items`, { section: 'shipped', occurredOn: '2026-05-01', text: 'x' })).statusCode).toBe(404);
  });

  it('makes a calibration packet that files evidence by dimension and leaves private and excluded items out', async () => {
    const packet = (await http.get(org.cookies.manager, `/api/people/${org.people.engineer.id}/evidence-packet?from=2026-01-01&to=2026-12-31`)).json().evidence;
    expect(proposalEvidenceSchema.safeParse(packet).success).toBe(true);
    expect(packet.byDimension.delivery).toHaveLength(2);
    expect(packet.byDimension.systemImpact).toEqual(['2026-06-03: Led the June card-auth incident; wrote the RCA.']);
    expect(packet.impactExamples[0]).toBe('Led the June card-auth incident; wrote the RCA.');
    expect(packet.multiplierImpact).toBe('Started weekly runbook reviews the team now runs.');
    expect(packet.logNoteIds).toHaveLength(1);
    expect(JSON.stringify(packet)).not.toContain('stretched');
    // The person previews their document, not the packet calibrators read.
    expect((await http.get(org.cookies.engineer, `/api/people/${org.people.engineer.id}/evidence-packet`)).statusCode).toBe(404);

    const logKey = items(await doc(org.cookies.engineer)).find((i) => i.key.startsWith('log:'))!.key;
    expect((await http.send(org.cookies.engineer, 'PUT', `/api/people/${org.people.engineer.id}/living-document/exclusions`, { key: logKey, excluded: true })).statusCode).toBe(204);
    const after = await assembleEvidencePacket(database.db, { personId: org.people.engineer.id, from: '2026-01-01', to: '2026-12-31' });
    expect(after.logNoteIds).toEqual([]);
    expect((await doc(org.cookies.engineer)).recency.total).toBe(4);
    expect((await http.send(org.cookies.engineer, 'PUT', `/api/people/${org.people.engineer.id}/living-document/exclusions`, { key: 'drop table', excluded: true })).json().rule).toBe('UNKNOWN_ITEM');
  });

  it('lets the writer remove a line added by hand, and refuses a date in the future', async () => {
    const added = (await http.send(org.cookies.engineer, 'POST', `/api/people/${org.people.engineer.id}/living-document/items`, { section: 'shipped', occurredOn: '2026-11-01', text: 'A line to remove.' })).json();
    expect((await http.send(org.cookies.otherManager, 'DELETE', `/api/living-document/items/${added.id}`)).statusCode).toBe(404);
    expect((await http.send(org.cookies.manager, 'DELETE', `/api/living-document/items/${added.id}`)).statusCode).toBe(204);
    const future = await http.send(org.cookies.engineer, 'POST', `/api/people/${org.people.engineer.id}/living-document/items`, { section: 'shipped', occurredOn: '2027-01-01', text: 'Not yet.' });
    expect(future.json().rule).toBe('EVIDENCE_IN_FUTURE');
  });
});

describe('development plans', () => {
  let cycleId = 0;
  let planId = 0;
  const PLAN = { skill: 'Writing design documents', systemBehaviour: 'Fewer pages from the ledger', measurableOutcome: 'Under 3 pages a week by March' };

  it('end a delivered review only', async () => {
    const early = await http.send(org.cookies.manager, 'POST', `/api/people/${org.people.engineer.id}/development-plans`, { cycleId: 999_999, ...PLAN });
    expect(early.statusCode).toBe(422);
    expect(early.json().rule).toBe('REVIEW_NOT_DELIVERED');
    cycleId = await deliverReview(database.db, { personId: org.people.engineer.id, managerId: org.people.manager.id, rootPersonId: org.people.lead.id, createdBy: org.accounts.hr.id, cycleName: 'Forte 2026 ld', deliveredAt: new Date('2026-11-18T10:00:00Z') });
    const owed = (await http.get(org.cookies.manager, '/api/growth/overview')).json().reports.find((r: { person: { id: number } }) => r.person.id === org.people.engineer.id);
    expect(owed.plansToWrite).toEqual([{ cycle: { id: cycleId, name: 'Forte 2026 ld' }, deliveredAt: '2026-11-18T10:00:00.000Z' }]);
  });

  it('are written by the chain, carry no rating under humane, and one per review', async () => {
    expect((await http.send(org.cookies.engineer, 'POST', `/api/people/${org.people.engineer.id}/development-plans`, { cycleId, ...PLAN })).statusCode).toBe(403);
    const created = await http.send(org.cookies.manager, 'POST', `/api/people/${org.people.engineer.id}/development-plans`, { cycleId, ...PLAN });
    expect(created.statusCode, created.body).toBe(201);
    planId = created.json().id;
    expect(created.json()).toMatchObject({ quarter: '2027-Q1', status: 'open', review: { cycle: { id: cycleId } } });
    expect(created.json().review).not.toHaveProperty('forteSummary');
    const mine = (await http.get(org.cookies.engineer, `/api/people/${org.people.engineer.id}/development-plans`)).json();
    expect(JSON.stringify(mine)).not.toMatch(/forteSummary|Meets High Bar|HV2|salary|pay/u);
    expect(mine.toWrite).toEqual([]);
    expect((await http.send(org.cookies.manager, 'POST', `/api/people/${org.people.engineer.id}/development-plans`, { cycleId, ...PLAN })).json().rule).toBe('PLAN_EXISTS');
    await setActivePolicy(database.db, 'amazon');
    expect((await http.get(org.cookies.engineer, `/api/people/${org.people.engineer.id}/development-plans`)).json().plans[0].review.forteSummary).toBe('Meets High Bar');
    await setActivePolicy(database.db, 'humane');
  });

  it('are picked up by the next check-in’s agenda and followed up there', async () => {
    const agenda = (await http.get(org.cookies.manager, `/api/people/${org.people.engineer.id}/check-ins/agenda`)).json();
    expect(agenda.openPlan).toMatchObject({ id: planId, skill: PLAN.skill });
    expect(agenda.items.filter((i: { kind: string }) => i.kind === 'plan').map((i: { text: string }) => i.text)).toEqual([`Skill to build: ${PLAN.skill}`, `System behaviour to improve: ${PLAN.systemBehaviour}`, `Outcome to watch: ${PLAN.measurableOutcome}`]);
    const held = await http.send(org.cookies.manager, 'POST', `/api/people/${org.people.engineer.id}/check-ins`, { heldOn: '2026-11-20', cadence: 'monthly', notes: 'Plan kick-off.', planFollowUp: { planId, note: 'First design doc drafted; pages at 5 a week.' } });
    expect(held.statusCode, held.body).toBe(201);
    const plan = (await http.get(org.cookies.engineer, `/api/people/${org.people.engineer.id}/development-plans`)).json().plans[0];
    expect(plan.followUps).toEqual([{ checkInId: held.json().id, heldOn: '2026-11-20', note: 'First design doc drafted; pages at 5 a week.' }]);
    // The lead sees the plan, not the pair's follow-up notes.
    expect((await http.get(org.cookies.lead, `/api/people/${org.people.engineer.id}/development-plans`)).json().plans[0].followUps).toEqual([]);
    const done = await http.send(org.cookies.manager, 'PATCH', `/api/development-plans/${planId}`, { status: 'done', version: 1 });
    expect(done.json()).toMatchObject({ status: 'done', version: 2 });
    const wrong = await http.send(org.cookies.manager, 'POST', `/api/people/${org.people.engineer.id}/check-ins`, { heldOn: '2026-11-20', cadence: 'monthly', notes: 'x', planFollowUp: { planId, note: 'closed plan' } });
    expect(wrong.json().rule).toBe('PLAN_NOT_OPEN');
  });
});
