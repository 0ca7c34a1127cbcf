import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { loadActor } from '../src/accounts/actor.ts';
import { createCycle } from '../src/cycles/cycles.service.ts';
import { buildAccount, buildPerson, type BuiltPerson } from './factories.ts';
import { signInCookie } from './server.ts';

/**
 * An organisation for promotion and pay: a VP over a manager with an SDE I candidate and six
 * peers, three senior engineers who sit on committees, HR and an admin, with accounts and
 * signed-in cookies for each. `tag` keeps emails unique when a file builds two.
 */
export async function buildPromotionOrg(db: Kysely<DB>, app: FastifyInstance, tag: string) {
  const vp = await buildPerson(db, { name: `Vera VP ${tag}`, level: 'L8', title: 'VP Engineering, Payments', email: `vera.${tag}@corp.test` });
  const manager = await buildPerson(db, { name: `Mona Manager ${tag}`, manager: vp, level: 'L6', title: 'Software Development Manager', email: `mona.${tag}@corp.test` });
  const candidate = await buildPerson(db, { name: `Cato Candidate ${tag}`, manager, level: 'L4', title: 'Software Development Engineer I', email: `cato.${tag}@corp.test` });
  const peers: BuiltPerson[] = [];
  for (let i = 0; i < 6; i++) peers.push(await buildPerson(db, { name: `Peer ${tag} ${i}`, manager, level: 'L5', email: `peer.${tag}.${i}@corp.test` }));
  const seniors: BuiltPerson[] = [];
  for (let i = 0; i < 3; i++) seniors.push(await buildPerson(db, { name: `Senior ${tag} ${i}`, manager: vp, level: 'L6', title: 'Senior Software Development Engineer', email: `senior.${tag}.${i}@corp.test` }));
  const accounts = {
    vp: await buildAccount(db, { person: vp }),
    manager: await buildAccount(db, { person: manager }),
    candidate: await buildAccount(db, { person: candidate }),
    peer: await buildAccount(db, { person: peers[0]! }),
    seniors: await Promise.all(seniors.map((p) => buildAccount(db, { person: p }))),
    hr: await buildAccount(db, { roles: ['hr'], email: `hr.${tag}@corp.test` }),
    admin: await buildAccount(db, { roles: ['admin'], email: `admin.${tag}@corp.test` }),
  };
  const cookies = { vp: '', manager: '', candidate: '', peer: '', hr: '', admin: '', seniors: [] as string[] };
  async function signIn() {
    let n = 0;
    const ip = () => `10.70.${tag.length}.${++n}`;
    cookies.vp = await signInCookie(app, accounts.vp.email, accounts.vp.password, ip());
    cookies.manager = await signInCookie(app, accounts.manager.email, accounts.manager.password, ip());
    cookies.candidate = await signInCookie(app, accounts.candidate.email, accounts.candidate.password, ip());
    cookies.peer = await signInCookie(app, accounts.peer.email, accounts.peer.password, ip());
    cookies.hr = await signInCookie(app, accounts.hr.email, accounts.hr.password, ip());
    cookies.admin = await signInCookie(app, accounts.admin.email, accounts.admin.password, ip());
    cookies.seniors = [];
    for (const a of accounts.seniors) cookies.seniors.push(await signInCookie(app, a.email, a.password, ip()));
  }
  await signIn();
  return { people: { vp, manager, candidate, peers, seniors }, accounts, cookies, signIn };
}

export type PromotionOrg = Awaited<ReturnType<typeof buildPromotionOrg>>;

/** A review cycle for the org (not launched: peer feedback rows only need it to exist). */
export async function buildCycle(db: Kysely<DB>, org: PromotionOrg, now: Date): Promise<number> {
  const hr = (await loadActor(db, org.accounts.hr.id))!;
  return createCycle(db, { actor: hr, name: `Cycle ${randomUUID().slice(0, 8)}`, rootPersonId: org.people.vp.id, policyKey: 'amazon', now });
}

/** Submitted peer feedback about `subjectId`, one response per author. */
export async function givePeerFeedback(db: Kysely<DB>, options: { cycleId: number; subjectId: number; authors: BuiltPerson[]; submittedAt: Date }): Promise<number[]> {
  const ids: number[] = [];
  for (const author of options.authors) {
    const request = await db
      .insertInto('peer_requests')
      .values({ cycle_id: options.cycleId, subject_id: options.subjectId, reviewer_id: author.id, nominated_by: options.subjectId, status: 'submitted' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = await db
      .insertInto('peer_feedback')
      .values({
        request_id: request.id,
        cycle_id: options.cycleId,
        subject_id: options.subjectId,
        author_id: author.id,
        public_id: randomUUID(),
        superpowers: `${author.name} saw careful design of the ledger retry path.`,
        improvements: 'Share drafts earlier.',
        lps_championed: JSON.stringify(['Dive Deep']),
        lps_to_improve: JSON.stringify([]),
        status: 'submitted',
        submitted_at: options.submittedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
}

/** A finalised calibrated rating for a person in a cycle. */
export async function giveRating(db: Kysely<DB>, options: { cycleId: number; personId: number; ov: 'TT' | 'HV3' | 'HV2' | 'HV1' | 'LE'; forteSummary: string; createdBy: number; at: Date }) {
  const session = await db
    .insertInto('calibration_sessions')
    .values({ cycle_id: options.cycleId, root_person_id: options.personId, name: `Session ${randomUUID().slice(0, 6)}`, status: 'finalised', created_by: options.createdBy, finalised_at: options.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('calibrated_ratings')
    .values({ session_id: session.id, cycle_id: options.cycleId, person_id: options.personId, manager_id: null, proposed_performance: 5, proposed_potential: 3, proposed_ov: options.ov, performance: 5, potential: 3, ov: options.ov, forte_summary: options.forteSummary, evidence_dimensions: '[]' })
    .execute();
}

/** A continuous-log note about a person. */
export async function giveLogNote(db: Kysely<DB>, options: { personId: number; authorId: number; body: string; occurredOn?: string }): Promise<number> {
  const row = await db
    .insertInto('feedback_log')
    .values({ person_id: options.personId, author_id: options.authorId, kind: 'win', occurred_on: options.occurredOn ?? '2027-01-10', body: options.body })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** `n` words of plausible packet prose. */
export function prose(n: number): string {
  const words = ['designed', 'the', 'ledger', 'retry', 'path', 'with', 'idempotent', 'writes', 'and', 'measured', 'its', 'latency'];
  return Array.from({ length: n }, (_, i) => words[i % words.length]).join(' ');
}
