import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { createAccount } from '../accounts/accounts.service.ts';
import { importPeople } from './import.service.ts';
import { generatePeopleExport } from './demo-org.ts';
import { seedDemoCycle } from '../cycles/demo-cycle.ts';
import { seedDemoMetrics } from '../metrics/demo-metrics.ts';
import { seedDemoCalibration } from '../calibration/demo-calibration.ts';
import { seedDemoPipeline } from '../pipeline/demo-pipeline.ts';

/** Shared by every demo sign-in; printed by `highbar serve --demo`. Never use it for real data. */
export const DEMO_PASSWORD = 'highbar-demo-2026';
export const DEMO_SEED = 2026;
export const DEMO_SIZE = 360;
const DEMO_MARKER = 'demo_organisation';

export type DemoResult =
  | { status: 'seeded' | 'already-seeded'; accounts: { role: string; email: string }[] }
  | { status: 'refused'; reason: string };

/**
 * Seeds the deterministic demo organisation into an empty database. A database that holds
 * anything else is left alone: demo accounts with a published password must never appear
 * beside real people.
 */
export async function seedDemo(db: Kysely<DB>, options: { now: Date }): Promise<DemoResult> {
  const marker = await db.selectFrom('meta').select('value').where('key', '=', DEMO_MARKER).executeTakeFirst();
  if (marker) return { status: 'already-seeded', accounts: (marker.value as { accounts: { role: string; email: string }[] }).accounts };
  const [people, accounts] = await Promise.all([
    db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  if (Number(people.n) > 0 || Number(accounts.n) > 0) {
    return {
      status: 'refused',
      reason: 'Not seeding the demo organisation: this database already holds people or accounts that are not demo data.',
    };
  }

  const { csv } = generatePeopleExport({ seed: DEMO_SEED, people: DEMO_SIZE });
  await importPeople(db, { actorAccountId: null, fileName: 'demo-organisation.csv', bytes: Buffer.from(csv), confirm: true, dryRun: false, now: options.now });

  const pick = async (where: (q: ReturnType<typeof peopleByRank>) => ReturnType<typeof peopleByRank>) => {
    const row = await where(peopleByRank(db)).executeTakeFirstOrThrow();
    return row;
  };
  // A front-line manager with several engineers, one of those engineers, and an org leader.
  const manager = await pick((q) =>
    q.where('p.title', '=', 'Software Development Manager').where((eb) =>
      eb.exists(eb.selectFrom('people as r').select('r.id').whereRef('r.manager_id', '=', 'p.id').where('r.level', '=', 'L5')),
    ),
  );
  const engineer = await pick((q) => q.where('p.manager_id', '=', manager.id).where('p.level', '=', 'L5'));
  // The leader is the VP of the manager's organisation, so the leader's and the scoped HR
  // partner's views include the demo manager and engineer.
  const managerPath = (await db.selectFrom('people').select('path').where('id', '=', manager.id).executeTakeFirstOrThrow()).path;
  const vpId = Number(managerPath.split('/')[2]);
  const leader = await pick((q) => q.where('p.id', '=', vpId));

  const plan: { role: string; email: string; name: string; roles: ('employee' | 'hr' | 'admin')[]; scopeRoot?: number }[] = [
    { role: 'admin', email: 'admin@highbar.demo', name: 'Ada Admin', roles: ['admin'] },
    { role: 'hr', email: 'hr@highbar.demo', name: 'Harper Partner', roles: ['hr'] },
    { role: 'hr-scoped', email: 'hr.org@highbar.demo', name: 'Morgan Partner', roles: ['hr'], scopeRoot: leader.id },
    { role: 'leader', email: leader.email, name: leader.name, roles: ['employee'] },
    { role: 'manager', email: manager.email, name: manager.name, roles: ['employee'] },
    { role: 'employee', email: engineer.email, name: engineer.name, roles: ['employee'] },
  ];
  for (const account of plan) {
    await createAccount(db, {
      actorAccountId: null,
      email: account.email,
      name: account.name,
      password: DEMO_PASSWORD,
      roles: account.roles,
      hrScope: account.roles.includes('hr')
        ? account.scopeRoot
          ? { wholeOrganisation: false, rootPersonIds: [account.scopeRoot] }
          : { wholeOrganisation: true, rootPersonIds: [] }
        : undefined,
      now: options.now,
    });
  }
  // A review season in progress, acted in by the sign-ins above, so every screen has something to show.
  await seedDemoCycle(db, { now: options.now });
  await seedDemoMetrics(db, { now: options.now, engineerEmail: engineer.email });
  // An earlier cycle of one director's organisation in calibration, with an open session.
  await seedDemoCalibration(db, { now: options.now });
  // A year-old delivered calibration with LE ratings, and pipeline cases at every stage.
  await seedDemoPipeline(db, { now: options.now });
  // Between cycles: goals, check-ins, the living document, workshops and team-health pulses.
  await (await import('../growth/demo-growth.ts')).seedDemoGrowth(db, { now: options.now });
  await (await import('../promotions/demo-promotions.ts')).seedDemoPromotions(db, { now: options.now }); // pay on record, and evidence for an SDE I's promotion case
  const list = plan.map(({ role, email }) => ({ role, email }));
  await db.insertInto('meta').values({ key: DEMO_MARKER, value: JSON.stringify({ seed: DEMO_SEED, accounts: list }) }).execute();
  return { status: 'seeded', accounts: list };
}

function peopleByRank(db: Kysely<DB>) {
  return db
    .selectFrom('people as p')
    .select(['p.id', 'p.email', 'p.name'])
    .where('p.status', '=', 'active')
    .orderBy('p.employee_id');
}
