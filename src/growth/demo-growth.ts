import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { createRng, findDemoActors } from '../cycles/demo-cycle.ts';
import { AMAZON_GROWTH } from '../policy/growth-presets.ts';
import { createPersonGoal, createTeamGoal, closeQuarter } from './goals.service.ts';
import { recordCheckIn } from './check-ins.service.ts';
import { addLivingItem } from './living-document.service.ts';
import { createWorkshop, rateWorkshop, revealWorkshop } from './workshop.service.ts';
import { addDays, quarterOf, quarterRange, today } from './dates.rules.ts';

const SEED = 202610;
const DAY = 86_400_000;

// A year of evidence for the demo employee, deliberately thin in the spring so the recency view has something to say.
const EVIDENCE = [
  { days: -330, section: 'shipped', text: 'Shipped the card-vault token rotation with no customer-visible errors.' },
  { days: -290, section: 'incidents', text: 'Incident commander for the January payment-gateway timeout; wrote the RCA and its three follow-ups.', highlight: true },
  { days: -200, section: 'multiplier', text: 'Started the weekly runbook review the on-call rotation now runs without me.' },
  { days: -150, section: 'slo', text: 'Checkout availability held 99.95% through the summer sale after the retry budget change.' },
  { days: -95, section: 'shipped', text: 'Moved reconciliation to the new ledger store with two minutes of downtime.', highlight: true },
  { days: -60, section: 'growth', text: 'Wants to lead a cross-team design review next half.' },
  { days: -25, section: 'incidents', text: 'Paired on the October search outage; added the missing alert.' },
] as const;

const PACKETS = [
  { title: 'Sample 1: the quiet platform engineer', body: 'Cut CI time from 40 to 14 minutes; few launches of their own; mentored two new joiners; peers mention calm reviews.' },
  { title: 'Sample 2: the launch hero', body: 'Shipped three customer features on time; two caused sev-2 incidents; strong demos; one RCA written late.' },
  { title: 'Sample 3: steady delivery', body: 'Delivered every committed item; no incidents; little influence beyond the team; asks good questions in design reviews.' },
  { title: 'Sample 4: the reluctant lead', body: 'Led the billing migration after the lead left; slipped a month; kept the team together; documentation thin.' },
];

/**
 * Seeds growth between cycles for the demo sign-ins: goals of this quarter (and last quarter's,
 * closed with outcomes) for the demo employee and their team, monthly check-ins with the demo
 * manager, a year of living-document evidence, an open calibration workshop (the manager's task)
 * beside a revealed one, and team-health pulses: a closed one across the leader's teams with
 * answers counted (one per person, on the scale, as the service would) and an open one for the
 * demo team. The development plan of last year's delivered review is left for the manager to
 * write. Same `now`, same rows (ids aside); seeding again adds nothing.
 */
export async function seedDemoGrowth(db: Kysely<DB>, options: { now: Date }): Promise<{ status: 'seeded' | 'already-seeded' }> {
  if (await db.selectFrom('calibration_workshops').select('id').where('name', '=', 'Before Forte 2026').executeTakeFirst()) return { status: 'already-seeded' };
  const { employee, manager, leader, hr } = await findDemoActors(db);
  const rng = createRng(SEED);
  const at = (days: number) => new Date(options.now.getTime() + days * DAY);
  const day = today(options.now);
  const quarter = quarterOf(day);
  const lastQuarter = quarterOf(addDays(quarterRange(quarter).from, -1));
  const me = await db.selectFrom('people').select(['id', 'team_id']).where('id', '=', employee.personId!).executeTakeFirstOrThrow();

  const previous = [
    await createPersonGoal(db, { actor: employee, personId: me.id, input: { quarter: lastQuarter, objective: 'Move reconciliation to the new ledger store', measurableResult: 'No data lost; under five minutes of downtime' }, now: at(-150) }),
    await createPersonGoal(db, { actor: employee, personId: me.id, input: { quarter: lastQuarter, objective: 'Write the on-call runbook for the ledger', measurableResult: 'Used unaided by two people on the rotation' }, now: at(-150) }),
  ];
  await closeQuarter(db, {
    actor: manager,
    personId: me.id,
    quarter: lastQuarter,
    outcomes: [
      { goalId: previous[0]!.id, status: 'achieved', outcome: 'Moved with two minutes of downtime and a rehearsed rollback.' },
      { goalId: previous[1]!.id, status: 'partly', outcome: 'Written and reviewed; one person on the rotation has used it so far.' },
    ],
    now: at(-80),
  });
  await createPersonGoal(db, { actor: employee, personId: me.id, input: { quarter, objective: 'Cut p99 latency of the checkout API', measurableResult: 'p99 under 200 ms for four consecutive weeks', status: 'on_track' }, now: at(-40) });
  await createPersonGoal(db, { actor: manager, personId: me.id, input: { quarter, objective: 'Lead one cross-team design review', measurableResult: 'A design document reviewed by two other teams', status: 'at_risk' }, now: at(-38) });
  if (me.team_id !== null) await createTeamGoal(db, { actor: manager, teamId: me.team_id, input: { quarter, objective: 'Halve paging alerts from the ledger', measurableResult: 'Under 3 pages a week by the end of the quarter', status: 'on_track' }, now: at(-41) });

  for (const [i, days] of [-100, -68, -36].entries()) {
    const notes = ['Agreed the ledger cut-over plan; rollback was the worry, so we rehearse it first.', 'Cut-over done. Talked about design reviews as the next stretch.', 'Checkout latency work under way; the design review is at risk for lack of a sponsor.'][i]!;
    await recordCheckIn(db, { actor: manager, personId: me.id, input: { heldOn: today(at(days)), cadence: 'monthly', notes, concern: i === 2 }, now: at(days) });
  }
  for (const e of EVIDENCE) await addLivingItem(db, { actor: employee, personId: me.id, input: { section: e.section, occurredOn: today(at(e.days)), text: e.text, highlight: 'highlight' in e ? e.highlight : false }, now: at(e.days) });

  // The workshops: an earlier one revealed, and one open for this season with the manager's ratings still to give.
  const raters = [manager, ...(leader ? [leader] : []), hr];
  const earlier = await createWorkshop(db, { actor: leader ?? hr, input: { name: 'Mid-year 2026 warm-up', packets: PACKETS.slice(0, 3), raterAccountIds: raters.map((r) => r.accountId) }, now: at(-160) });
  for (const rater of raters) {
    await rateWorkshop(db, { actor: rater, workshopId: earlier.id, ratings: earlier.packets.map((p, i) => ({ packetId: p.id, value: Math.max(1, Math.min(7, [5, 4, 4][i]! + rng.int(-2, 2))) })), now: at(-158) });
  }
  await revealWorkshop(db, { actor: leader ?? hr, workshopId: earlier.id, now: at(-150) });
  const open = await createWorkshop(db, { actor: leader ?? hr, input: { name: 'Before Forte 2026', packets: PACKETS, raterAccountIds: raters.map((r) => r.accountId) }, now: at(-3) });
  for (const rater of raters.filter((r) => r !== manager)) {
    await rateWorkshop(db, { actor: rater, workshopId: open.id, ratings: open.packets.map((p, i) => ({ packetId: p.id, value: [5, 3, 4, 4][i]! + (rater === hr ? 1 : 0) })), now: at(-2) });
  }

  await seedPulses(db, { rng, creator: hr.accountId, leaderPath: leader ? (await db.selectFrom('people').select('path').where('id', '=', leader.personId!).executeTakeFirstOrThrow()).path : null, teamId: me.team_id, now: options.now });
  return { status: 'seeded' };
}

/** Pulses written the way answerPulse writes them: participation, then counts; never a row with a person and an answer. */
async function seedPulses(db: Kysely<DB>, options: { rng: ReturnType<typeof createRng>; creator: number; leaderPath: string | null; teamId: number | null; now: Date }) {
  if (options.teamId === null) return;
  const questions = AMAZON_GROWTH.teamHealth.defaultQuestions;
  const teams = options.leaderPath
    ? (await db.selectFrom('people').select('team_id').distinct().where('path', 'like', `${options.leaderPath}%`).where('team_id', 'is not', null).orderBy('team_id').execute()).map((t) => t.team_id!).slice(0, 8)
    : [options.teamId];
  if (!teams.includes(options.teamId)) teams.push(options.teamId);
  const day = (days: number) => today(new Date(options.now.getTime() + days * DAY));
  const { id: closed } = await db.insertInto('pulse_surveys').values({ title: 'Autumn health check', questions: JSON.stringify(questions), min_group_size: AMAZON_GROWTH.teamHealth.minGroupSize, closes_on: day(-20), created_by: options.creator, created_at: new Date(options.now.getTime() - 34 * DAY) }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('pulse_teams').values(teams.map((team_id) => ({ pulse_id: closed, team_id }))).execute();
  const members = await db.selectFrom('people').select(['id', 'team_id']).where('team_id', 'in', teams).where('status', '=', 'active').orderBy('employee_id').execute();
  const tallies = new Map<string, number>();
  const respondents = new Map<number, number>();
  for (const m of members) {
    if (!options.rng.chance(0.8)) continue;
    await db.insertInto('pulse_participation').values({ pulse_id: closed, person_id: m.id }).execute();
    respondents.set(m.team_id!, (respondents.get(m.team_id!) ?? 0) + 1);
    for (const q of questions) {
      const value = Math.max(q.scale.min, Math.min(q.scale.max, options.rng.int(2, 5) - (q.key === 'easyToRelease' && options.rng.chance(0.4) ? 1 : 0)));
      const key = `${m.team_id}|${q.key}|${value}`;
      tallies.set(key, (tallies.get(key) ?? 0) + 1);
    }
  }
  if (respondents.size) await db.insertInto('pulse_team_respondents').values([...respondents].map(([team_id, n]) => ({ pulse_id: closed, team_id, respondents: n }))).execute();
  const rows = [...tallies].map(([key, n]) => {
    const [team, question, value] = key.split('|');
    return { pulse_id: closed, team_id: Number(team), question_key: question!, value: Number(value), n };
  });
  if (rows.length) await db.insertInto('pulse_tallies').values(rows).execute();
  const { id: open } = await db.insertInto('pulse_surveys').values({ title: 'Winter health check', questions: JSON.stringify(questions), min_group_size: AMAZON_GROWTH.teamHealth.minGroupSize, closes_on: day(10), created_by: options.creator, created_at: options.now }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('pulse_teams').values({ pulse_id: open, team_id: options.teamId }).execute();
}
