import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB, OvRatingValue } from '../src/db/schema.ts';
import { policySchema } from '../src/policy/policy.schema.ts';
import { questionsFromPolicy } from '../src/cycles/questions.ts';
import { buildPerson, type BuiltPerson } from './factories.ts';
import { signInCookie, WRITE_HEADERS } from './server.ts';

const FORTE: Record<OvRatingValue, string> = { TT: 'Exceeds High Bar', HV3: 'Exceeds High Bar', HV2: 'Meets High Bar', HV1: 'Meets High Bar', LE: 'Needs Improvement' };
const PERFORMANCE: Record<OvRatingValue, number> = { TT: 5, HV3: 4, HV2: 3, HV1: 3, LE: 1 };

/**
 * A cycle with one open calibration session over `rootPersonId`'s organisation, written directly
 * (the OLR suites test how they come about): what the analytics read is the calibrated ratings.
 */
export async function createRatedCycle(db: Kysely<DB>, options: { rootPersonId: number; createdBy: number; name: string; launchedAt?: Date; policyKey?: string }) {
  const policy = await db.selectFrom('policies').select(['id', 'document']).where('key', '=', options.policyKey ?? 'amazon').orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow();
  const questions = questionsFromPolicy(policySchema.parse(policy.document));
  const { id: cycleId } = await db
    .insertInto('review_cycles')
    .values({
      name: options.name,
      root_person_id: options.rootPersonId,
      policy_id: policy.id,
      status: 'launched',
      deadlines: JSON.stringify({}),
      questions: JSON.stringify(questions),
      launched_at: options.launchedAt ?? new Date('2026-09-01T00:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: sessionId } = await db
    .insertInto('calibration_sessions')
    .values({ cycle_id: cycleId, root_person_id: options.rootPersonId, name: `${options.name} session`, created_by: options.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { cycleId, sessionId };
}

/** One person's calibrated rating (and what was proposed, by default the same). */
export async function rate(db: Kysely<DB>, options: { cycleId: number; sessionId: number; person: BuiltPerson; manager: BuiltPerson | null; ov: OvRatingValue; proposed?: OvRatingValue }) {
  const proposed = options.proposed ?? options.ov;
  await db
    .insertInto('calibrated_ratings')
    .values({
      session_id: options.sessionId,
      cycle_id: options.cycleId,
      person_id: options.person.id,
      manager_id: options.manager?.id ?? null,
      proposed_performance: PERFORMANCE[proposed],
      proposed_potential: 2,
      proposed_ov: proposed,
      performance: PERFORMANCE[options.ov],
      potential: 2,
      ov: options.ov,
      forte_summary: FORTE[options.ov],
      evidence_dimensions: JSON.stringify([]),
    })
    .execute();
}

/** People of one kind under a manager: `count` of them, the first `favourable` rated TT, the rest HV2. */
export async function buildRatedPeople(
  db: Kysely<DB>,
  options: { cycleId: number; sessionId: number; manager: BuiltPerson; count: number; favourable: number; gender: string | null; level: string; tag: string },
): Promise<BuiltPerson[]> {
  const people: BuiltPerson[] = [];
  for (let i = 0; i < options.count; i++) {
    const person = await buildPerson(db, {
      manager: options.manager,
      level: options.level,
      name: `${options.tag} ${options.gender ?? 'unrecorded'} ${options.level} ${i}`,
      ...(options.gender ? { attributes: { gender: options.gender } } : {}),
    });
    await rate(db, { cycleId: options.cycleId, sessionId: options.sessionId, person, manager: options.manager, ov: i < options.favourable ? 'TT' : 'HV2' });
    people.push(person);
  }
  return people;
}

/** Signed-in requests as one account. */
export async function client(app: FastifyInstance, account: { email: string; password: string }, ip: string) {
  const cookie = await signInCookie(app, account.email, account.password, ip);
  return (method: InjectOptions['method'], url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method, url, headers: { cookie, ...(method === 'GET' ? {} : WRITE_HEADERS), ...headers }, ...(payload === undefined ? {} : { payload: payload as string }) });
}
