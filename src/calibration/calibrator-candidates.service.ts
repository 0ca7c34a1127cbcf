import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../accounts/actor.ts';
import { loadCycle } from '../cycles/cycle-loader.ts';
import { loadSessionRoot } from './calibration.access.ts';

const MAX_CANDIDATES = 50; // what a session takes (createSessionBodySchema)

export type CandidateReason = 'leads the organisation' | 'manages a team in it' | 'opens the session';

/**
 * Who would calibrate an organisation in a cycle, for the form that opens a session: the
 * organisation's leader and every manager in it with an active account, then the person
 * opening it; with how many submitted proposals the session would take in. Refused, as opening
 * the session would be, to anyone who may not administer the cycle for that organisation.
 */
export async function calibratorCandidates(db: Kysely<DB>, options: { actor: Actor; cycleId: number; rootPersonId: number }) {
  const cycle = await loadCycle(db, options.cycleId);
  const root = await loadSessionRoot(db, { actor: options.actor, cycle, rootPersonId: options.rootPersonId, field: 'querystring.rootPersonId' });

  const leaders = await db
    .selectFrom('people as p')
    .innerJoin('accounts as a', 'a.person_id', 'p.id')
    .select(['a.id as accountId', 'p.id as personId', 'p.name'])
    .where('a.disabled_at', 'is', null)
    .where('p.status', '!=', 'terminated')
    .where('p.path', 'like', `${root.path}%`)
    .where((eb) => eb.or([eb('p.id', '=', root.id), eb.exists(eb.selectFrom('people as r').select('r.id').whereRef('r.manager_id', '=', 'p.id').where('r.status', '!=', 'terminated'))]))
    .orderBy(({ fn, ref }) => fn('length', [ref('p.path')]))
    .orderBy('p.name')
    .limit(MAX_CANDIDATES)
    .execute();
  const candidates: { accountId: number; personId: number | null; name: string; reason: CandidateReason }[] = leaders.map((l) => ({
    ...l,
    reason: l.personId === root.id ? 'leads the organisation' : 'manages a team in it',
  }));
  if (!candidates.some((c) => c.accountId === options.actor.accountId) && candidates.length < MAX_CANDIDATES) {
    candidates.push({ accountId: options.actor.accountId, personId: options.actor.personId, name: options.actor.name, reason: 'opens the session' });
  }

  const ready = await db
    .selectFrom('rating_proposals as rp')
    .innerJoin('people as p', 'p.id', 'rp.person_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('rp.cycle_id', '=', cycle.id)
    .where('rp.status', '=', 'submitted')
    .where('p.path', 'like', `${root.path}%`)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('calibrated_ratings as cr').select('cr.id').whereRef('cr.cycle_id', '=', 'rp.cycle_id').whereRef('cr.person_id', '=', 'rp.person_id'))))
    .executeTakeFirstOrThrow();
  return { root: { id: root.id, name: root.name }, candidates, proposalsReady: Number(ready.n) };
}
