import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { DEMO_CYCLE_NAME, findDemoActors } from '../cycles/demo-cycle.ts';
import { recordCompensationChange } from '../compensation/changes.service.ts';
import { isoDay } from '../compensation/dates.rules.ts';

const DAY = 86_400_000;
const SHARE_PRICE_CENTS = 10_000;
// Demo base salaries by level, in cents: below each level's target, so grants and sign-on show.
const BASE_BY_LEVEL: Record<string, number> = { L4: 12_000_000, L5: 15_000_000, L6: 19_000_000, L7: 23_000_000, L8: 30_000_000 };

const NOTES = [
  'Designed the idempotent retry path for ledger writes; duplicate payments went to zero.',
  'Ran the load test of the checkout service and found the connection-pool limit before launch.',
  'Paired with the new intern on their first change; they shipped it in week two.',
  'Handled a sev-2 on call calmly and wrote the root-cause analysis the next day.',
];
const PEER_TEXT = [
  'Their retry design review was the clearest I have read this year.',
  'Explains trade-offs patiently; our integration went smoothly because of them.',
  'Took on the flaky test suite nobody owned and fixed it for good.',
  'Great on call: calm, precise updates and a thorough follow-up.',
  'Helped our team adopt the new ledger client with a short guide.',
];

/**
 * Seeds what the promotion and pay screens need: a share price, pay on record for the demo
 * sign-ins and the demo manager's reports (hired at their hire dates), and for the manager's
 * first SDE I report the evidence a case is built from: log notes and enough peer feedback.
 * The case itself is left for the manager to open. Seeding again adds nothing.
 */
export async function seedDemoPromotions(db: Kysely<DB>, options: { now: Date }): Promise<{ status: 'seeded' | 'already-seeded'; candidateId: number | null }> {
  if (await db.selectFrom('share_prices').select('id').executeTakeFirst()) return { status: 'already-seeded', candidateId: null };
  const actors = await findDemoActors(db);
  const managerId = actors.manager.personId!;
  const today = isoDay(options.now);
  await db.insertInto('share_prices').values({ as_of: isoDay(new Date(options.now.getTime() - 30 * DAY)), price_cents: SHARE_PRICE_CENTS, recorded_by: actors.hr.accountId }).execute();

  const reports = await db.selectFrom('people').select(['id', 'level', 'hire_date']).where('manager_id', '=', managerId).where('status', '=', 'active').orderBy('employee_id').execute();
  const signIns = [actors.manager, actors.employee, actors.leader].flatMap((a) => (a?.personId ? [a.personId] : []));
  const staff = await db.selectFrom('people').select(['id', 'level', 'hire_date']).where('id', 'in', signIns).execute();
  const paid = new Set<number>();
  for (const person of [...staff, ...reports]) {
    const baseCents = BASE_BY_LEVEL[person.level];
    if (!baseCents || paid.has(person.id)) continue;
    paid.add(person.id);
    const effectiveOn = person.hire_date <= today ? person.hire_date : today;
    await recordCompensationChange(db, { actor: actors.hr, personId: person.id, body: { kind: 'hire', effectiveOn, baseCents, sharePriceCents: SHARE_PRICE_CENTS }, now: options.now });
  }

  const candidate = reports.find((r) => r.level === 'L4');
  if (!candidate) return { status: 'seeded', candidateId: null };
  for (const [i, body] of NOTES.entries()) {
    await db
      .insertInto('feedback_log')
      .values({ person_id: candidate.id, author_id: managerId, kind: 'win', occurred_on: isoDay(new Date(options.now.getTime() - (120 - i * 25) * DAY)), body, created_at: new Date(options.now.getTime() - (120 - i * 25) * DAY) })
      .execute();
  }
  // Five submitted peer responses in the season's cycle, from teammates not already asked.
  const cycle = await db.selectFrom('review_cycles').select('id').where('name', '=', DEMO_CYCLE_NAME).orderBy('id').executeTakeFirst();
  if (cycle) {
    const asked = new Set((await db.selectFrom('peer_requests').select('reviewer_id').where('cycle_id', '=', cycle.id).where('subject_id', '=', candidate.id).execute()).map((r) => r.reviewer_id));
    const submitted = await db.selectFrom('peer_feedback').select('id').where('subject_id', '=', candidate.id).where('status', '=', 'submitted').execute();
    const teammates = reports.filter((r) => r.id !== candidate.id && !asked.has(r.id)).slice(0, Math.max(0, 5 - submitted.length));
    for (const [i, peer] of teammates.entries()) {
      const at = new Date(options.now.getTime() - (10 - i) * DAY);
      const request = await db
        .insertInto('peer_requests')
        .values({ cycle_id: cycle.id, subject_id: candidate.id, reviewer_id: peer.id, nominated_by: managerId, status: 'submitted', created_at: new Date(at.getTime() - 7 * DAY), updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('peer_feedback')
        .values({
          request_id: request.id,
          cycle_id: cycle.id,
          subject_id: candidate.id,
          author_id: peer.id,
          public_id: randomUUID(),
          superpowers: PEER_TEXT[i % PEER_TEXT.length]!,
          improvements: 'Share design drafts earlier so reviewers can weigh in before the build.',
          lps_championed: JSON.stringify(['Dive Deep', 'Ownership']),
          lps_to_improve: JSON.stringify(['Think Big']),
          status: 'submitted',
          version: 2,
          updated_at: at,
          submitted_at: at,
        })
        .execute();
    }
  }
  return { status: 'seeded', candidateId: candidate.id };
}
