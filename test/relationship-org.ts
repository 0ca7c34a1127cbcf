import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { loadActor, type Actor } from '../src/accounts/actor.ts';
import { createCycle, launchCycle } from '../src/cycles/cycles.service.ts';
import { requestPeers } from '../src/cycles/peer-requests.service.ts';
import { createSession } from '../src/calibration/sessions.service.ts';
import { createPacket } from '../src/promotions/packets.service.ts';
import { openCase } from '../src/pipeline/cases.service.ts';
import { recordCompensationChange } from '../src/compensation/changes.service.ts';
import { buildAccount, buildPerson } from './factories.ts';
import { signInCookie } from './server.ts';
import { givePeerFeedback, giveLogNote } from './promotion-helpers.ts';
import { buildGrowthMatrixFixtures, deliverReview } from './growth-helpers.ts';
import { buildAnalyticsMatrixFixtures } from './analytics-matrix.ts';
import { buildMetricsMatrixFixtures } from './metrics-matrix.ts';

/**
 * The relationships the relationship matrix tests, each relative to one target person T.
 * `xManager` manages people in a second organisation (its own root); HR "in" serves T's
 * organisation by a scope root (not the whole organisation), HR "out" serves the second one.
 */
export const RELATIONSHIPS = ['self', 'manager', 'skip', 'peer', 'unrelated', 'xManager', 'hrIn', 'hrOut', 'admin', 'anonymous'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];
export type SignedIn = Exclude<Relationship, 'anonymous'>;

/**
 * Values that belong to T's records and must never appear in a response to someone who may not
 * read them: each is unique in the database, so finding one in a body is a leak.
 */
export const SECRETS = {
  name: 'Tamsin Targetperson',
  email: 'tamsin.target@corp.test',
  employeeId: 'EMP-TARGET-7731',
  demographic: 'Gender-Value-Qz81',
  logNote: 'Log note Kx42: missed the on-call handover',
  peerFeedback: 'Peer feedback Wy93: reviews are careful',
  peerDraft: 'Peer draft Jm27: not sent yet',
  selfReview: 'Self review Hb55: led the ledger work',
  managerReview: 'Manager review Vc18: a strong year',
  proposal: 'Proposal Nd64: delivered the quarter',
  caseReason: 'Case reason Zp09: missed three commitments',
  baseCents: '13579246',
  packetText: 'Packet Rt37: designed the retry path',
  calibrationRationale: 'Calibration rationale Fe26: led the incident programme',
  cycleName: 'Relationship cycle Yv40',
} as const;

/** Names of people whose authorship of T's peer feedback is a field-level secret. */
export const PEER_AUTHOR = { name: 'Percy Peerauthor', email: 'percy.peer@corp.test' };

/**
 * Root R over skip-level S over manager M over T, peer P (the author of feedback about T) and
 * peer Q (asked for feedback, draft unsent); unrelated manager O under R with employee U; a second
 * organisation X-root over X-manager over one engineer. Accounts for every relationship, each
 * signed in once. T's records: a launched cycle with a self review, peer feedback, a manager
 * review, a submitted proposal and a calibration session (S calibrates), a delivered rating from
 * last year, a promotion packet, a pipeline case, pay, log notes, and the growth records.
 */
export async function buildRelationshipOrg(db: Kysely<DB>, app: FastifyInstance) {
  const now = new Date();
  const root = await buildPerson(db, { name: 'Rhea Root', level: 'L8', email: 'rhea.root@corp.test' });
  const skip = await buildPerson(db, { name: 'Sasha Skiplevel', manager: root, level: 'L8', email: 'sasha.skip@corp.test' });
  const manager = await buildPerson(db, { name: 'Mina Directmanager', manager: skip, level: 'L6', email: 'mina.manager@corp.test' });
  const target = await buildPerson(db, { name: SECRETS.name, manager, level: 'L5', email: SECRETS.email, employeeId: SECRETS.employeeId, attributes: { gender: SECRETS.demographic } });
  const peerAuthor = await buildPerson(db, { name: PEER_AUTHOR.name, manager, level: 'L5', email: PEER_AUTHOR.email });
  const peer = await buildPerson(db, { name: 'Quinn Peer', manager, level: 'L5', email: 'quinn.peer@corp.test' });
  const leaver = await buildPerson(db, { name: 'Lee Leaverperson', manager, level: 'L5', email: 'lee.leaver@corp.test', status: 'terminated' });
  const otherManager = await buildPerson(db, { name: 'Oscar Othermanager', manager: root, level: 'L6', email: 'oscar.other@corp.test' });
  const unrelated = await buildPerson(db, { name: 'Uma Unrelated', manager: otherManager, level: 'L5', email: 'uma.unrelated@corp.test' });
  const xRoot = await buildPerson(db, { name: 'Xavier Xroot', level: 'L8', email: 'xavier.root@corp.test' });
  const xManager = await buildPerson(db, { name: 'Xena Xmanager', manager: xRoot, level: 'L6', email: 'xena.x@corp.test' });
  const xEngineer = await buildPerson(db, { name: 'Xander Xengineer', manager: xManager, level: 'L5', email: 'xander.x@corp.test' });

  const accounts = {
    self: await buildAccount(db, { person: target }),
    manager: await buildAccount(db, { person: manager }),
    skip: await buildAccount(db, { person: skip }),
    peer: await buildAccount(db, { person: peer }),
    unrelated: await buildAccount(db, { person: unrelated }),
    xManager: await buildAccount(db, { person: xManager }),
    hrIn: await buildAccount(db, { roles: ['hr'], email: 'hr.in@corp.test', hrScope: { wholeOrganisation: false, rootPersonIds: [root.id] } }),
    hrOut: await buildAccount(db, { roles: ['hr'], email: 'hr.out@corp.test', hrScope: { wholeOrganisation: false, rootPersonIds: [xRoot.id] } }),
    admin: await buildAccount(db, { roles: ['admin'], email: 'admin@corp.test' }),
  } satisfies Record<SignedIn, unknown>;
  const peerAuthorAccount = await buildAccount(db, { person: peerAuthor });
  const actor = async (id: number): Promise<Actor> => (await loadActor(db, id))!;
  const hr = await actor(accounts.hrIn.id);
  const managerActor = await actor(accounts.manager.id);

  // This year's cycle (amazon: peer authors are hidden from the recipient, shown up the chain and to HR).
  const cycleId = await createCycle(db, { actor: hr, name: SECRETS.cycleName, rootPersonId: root.id, policyKey: 'amazon', now });
  await launchCycle(db, { actor: hr, cycleId, now });
  await db.insertInto('self_reviews').values({ cycle_id: cycleId, person_id: target.id, body: SECRETS.selfReview, principles: '[]', status: 'submitted', submitted_at: now }).execute();
  const [peerFeedbackId] = await givePeerFeedback(db, { cycleId, subjectId: target.id, authors: [peerAuthor], submittedAt: now });
  await db.updateTable('peer_feedback').set({ superpowers: SECRETS.peerFeedback }).where('id', '=', peerFeedbackId!).execute();
  await requestPeers(db, { actor: managerActor, cycleId, subjectId: target.id, reviewerIds: [peer.id], now });
  const pendingRequest = await db.selectFrom('peer_requests').select('id').where('subject_id', '=', target.id).where('reviewer_id', '=', peer.id).executeTakeFirstOrThrow();
  // A second request whose reviewer (P, the author) drafted feedback not yet sent: only P reads it.
  const { id: draftRequestId } = await db.insertInto('peer_requests').values({ cycle_id: cycleId, subject_id: peer.id, reviewer_id: peerAuthor.id, nominated_by: peer.id, status: 'accepted' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('peer_feedback').values({ request_id: draftRequestId, cycle_id: cycleId, subject_id: peer.id, author_id: peerAuthor.id, public_id: crypto.randomUUID(), superpowers: SECRETS.peerDraft, status: 'draft' }).execute();
  await db.insertInto('manager_reviews').values({ cycle_id: cycleId, person_id: target.id, author_id: manager.id, narrative: SECRETS.managerReview, status: 'draft' }).execute();
  await db
    .insertInto('rating_proposals')
    .values({ cycle_id: cycleId, person_id: target.id, author_id: manager.id, principles: '{}', performance: 4, potential: 2, justification: SECRETS.proposal, evidence: JSON.stringify({ byDimension: {}, impactExamples: [], peerFeedbackThemes: '', logNoteIds: [], systemMetrics: [], multiplierImpact: '' }), status: 'submitted' })
    .execute();
  const sessionId = (await createSession(db, { actor: hr, input: { cycleId, rootPersonId: root.id, name: 'Relationship session', calibratorAccountIds: [accounts.skip.id], blind: false }, now })).id;
  await giveLogNote(db, { personId: target.id, authorId: manager.id, body: SECRETS.logNote });

  // Last year's delivered review: T's calibrated rating history.
  const lastYearId = await deliverReview(db, { personId: target.id, managerId: manager.id, rootPersonId: root.id, createdBy: accounts.hrIn.id, cycleName: 'Last year', deliveredAt: new Date(now.getTime() - 200 * 86_400_000), policyKey: 'amazon' });
  // The helper leaves the cycle without questions, which lists of cycles cannot present: borrow this year's.
  const { questions } = await db.selectFrom('review_cycles').select('questions').where('id', '=', cycleId).executeTakeFirstOrThrow();
  await db.updateTable('review_cycles').set({ questions: JSON.stringify(questions) }).where('id', '=', lastYearId).execute();

  // A humane cycle where three peers' feedback about T is released: authors go to the chain only
  // (not to T, peers, or HR, who read themes under humane).
  const humaneCycleId = await createCycle(db, { actor: hr, name: 'Humane cycle', rootPersonId: root.id, policyKey: 'humane', now });
  await launchCycle(db, { actor: hr, cycleId: humaneCycleId, now });
  const moreAuthors = [await buildPerson(db, { name: 'Ava Secondauthor', manager, level: 'L5' }), await buildPerson(db, { name: 'Ben Thirdauthor', manager, level: 'L5' })];
  await givePeerFeedback(db, { cycleId: humaneCycleId, subjectId: target.id, authors: [peerAuthor, ...moreAuthors], submittedAt: now });
  // The helper signs the text with the author's name; anonymous feedback must not.
  await db.updateTable('peer_feedback').set({ superpowers: 'Someone saw careful design of the ledger retry path.' }).where('cycle_id', '=', humaneCycleId).execute();

  const packetId = (await createPacket(db, { actor: managerActor, candidateId: target.id, now })).id;
  await db
    .insertInto('promotion_sections')
    .values({ packet_id: packetId, section: 'impact', body: SECRETS.packetText, evidence: '[]', updated_by: accounts.manager.id })
    .onConflict((oc) => oc.columns(['packet_id', 'section']).doUpdateSet({ body: SECRETS.packetText }))
    .execute();
  const caseId = (await openCase(db, { actor: hr, input: { source: 'manual', personId: target.id, reason: SECRETS.caseReason, policy: 'amazon' }, now })).id;
  await recordCompensationChange(db, { actor: hr, personId: target.id, body: { kind: 'hire', effectiveOn: '2026-03-02', baseCents: Number(SECRETS.baseCents), sharePriceCents: 10_000 }, now });

  const growth = await buildGrowthMatrixFixtures(db, { reviewed: target, employee: peer, cycleId, hrAccountId: accounts.hrIn.id, managerAccountId: accounts.manager.id, otherAccountId: accounts.skip.id, now });
  const analytics = await buildAnalyticsMatrixFixtures(db, { hrActor: hr, cycleId, now });
  const metrics = await buildMetricsMatrixFixtures(db);

  const cookies = {} as Record<SignedIn, string>;
  let n = 0;
  for (const who of Object.keys(accounts) as SignedIn[]) cookies[who] = await signInCookie(app, accounts[who].email, accounts[who].password, `10.91.0.${++n}`);

  return {
    people: { root, skip, manager, target, peerAuthor, peer, otherManager, unrelated, xRoot, xManager, xEngineer, leaver },
    accounts,
    peerAuthorAccount,
    cookies,
    ids: { cycleId, humaneCycleId, sessionId, packetId, caseId, pendingRequestId: pendingRequest.id, draftRequestId, peerFeedbackId: peerFeedbackId! },
    growth,
    analytics,
    metrics,
    now,
  };
}

export type RelationshipOrg = Awaited<ReturnType<typeof buildRelationshipOrg>>;
