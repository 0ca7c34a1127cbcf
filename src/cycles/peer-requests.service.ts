import type { Kysely } from 'kysely';
import type { DB, PeerRequestStatus } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { loadCycle, assertActionOpen } from './cycle-loader.ts';
import { peerRequestProblems } from './feedback.rules.ts';
import { throwIfProblems } from './drafts.ts';
import { findParticipant } from './participants.ts';
import { hrCovers, isAboveInChain } from './cycles.access.ts';
import { notify } from './notifications.service.ts';

const OPEN: PeerRequestStatus[] = ['nominated', 'requested', 'accepted', 'submitted'];

/**
 * Asks peers for feedback about `subjectId`. The subject's own nominations wait for their
 * manager's approval; a manager (or anyone above) requests directly.
 */
export async function requestPeers(
  db: Kysely<DB>,
  options: { actor: Actor; cycleId: number; subjectId: number; reviewerIds: number[]; now: Date },
) {
  const cycle = await loadCycle(db, options.cycleId);
  const subject = await findParticipant(db, cycle.id, options.subjectId);
  const bySelf = options.actor.personId === options.subjectId;
  if (!subject || !(bySelf || isAboveInChain(options.actor, subject.path))) {
    throw new AppError('FORBIDDEN', { detail: 'You can ask for feedback about yourself, or about people you manage.', extra: { rule: 'NOT_YOUR_REPORT' } });
  }
  assertActionOpen(cycle, 'requestPeers', options.now);
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('peer_requests').select(['reviewer_id', 'status']).where('cycle_id', '=', cycle.id).where('subject_id', '=', subject.personId).forUpdate().execute();
    const active = existing.filter((r) => OPEN.includes(r.status));
    // Reviewers come from the cycle, where their task list and reminders live.
    const candidates = await trx
      .selectFrom('cycle_participants as cp')
      .innerJoin('people as p', 'p.id', 'cp.person_id')
      .select('p.id')
      .where('cp.cycle_id', '=', cycle.id)
      .where('cp.person_id', 'in', options.reviewerIds.length ? options.reviewerIds : [-1])
      .where('cp.status', '=', 'active')
      .where('p.status', '=', 'active')
      .execute();
    throwIfProblems(
      peerRequestProblems({
        subjectId: subject.personId,
        reviewerIds: options.reviewerIds,
        activeRequestCount: active.length,
        alreadyRequested: new Set(active.map((r) => r.reviewer_id)),
        participants: new Set(candidates.map((c) => c.id)),
        cap: cycle.policy.forte.peers.cap,
      }),
    );
    const status: PeerRequestStatus = bySelf ? 'nominated' : 'requested';
    for (const reviewerId of options.reviewerIds) {
      await trx
        .insertInto('peer_requests')
        .values({ cycle_id: cycle.id, subject_id: subject.personId, reviewer_id: reviewerId, nominated_by: options.actor.personId!, status, updated_at: options.now })
        .onConflict((oc) => oc.columns(['cycle_id', 'subject_id', 'reviewer_id']).doUpdateSet({ status, nominated_by: options.actor.personId!, decline_reason: null, updated_at: options.now }))
        .execute();
    }
    if (status === 'requested') {
      await notify(trx, options.reviewerIds, { kind: 'peer.requested', title: `${subject.name} would value your feedback`, link: `/cycles/${cycle.id}/tasks`, dedupeKey: `peer-${cycle.id}-${subject.personId}`, now: options.now });
    } else {
      const manager = await trx.selectFrom('people').select('manager_id').where('id', '=', subject.personId).executeTakeFirst();
      if (manager?.manager_id) {
        await notify(trx, [manager.manager_id], { kind: 'peer.nominated', title: `${subject.name} nominated peers for feedback: please approve`, link: `/cycles/${cycle.id}/team`, dedupeKey: `nominated-${cycle.id}-${subject.personId}-${options.now.toISOString().slice(0, 10)}`, now: options.now });
      }
    }
    return listPeerRequestsFor(trx, { actor: options.actor, cycleId: cycle.id, subjectId: subject.personId });
  });
}

/** A manager approves a report's nominations (all, or the ones named), which sends them. */
export async function approveNominations(db: Kysely<DB>, options: { actor: Actor; cycleId: number; subjectId: number; reviewerIds?: number[]; now: Date }) {
  const cycle = await loadCycle(db, options.cycleId);
  const subject = await findParticipant(db, cycle.id, options.subjectId);
  if (!subject || !isAboveInChain(options.actor, subject.path)) {
    throw new AppError('FORBIDDEN', { detail: 'Only the manager chain approves peer nominations.', extra: { rule: 'NOT_YOUR_REPORT' } });
  }
  assertActionOpen(cycle, 'requestPeers', options.now);
  return db.transaction().execute(async (trx) => {
    let query = trx.updateTable('peer_requests').set({ status: 'requested', updated_at: options.now }).where('cycle_id', '=', cycle.id).where('subject_id', '=', subject.personId).where('status', '=', 'nominated');
    if (options.reviewerIds) query = query.where('reviewer_id', 'in', options.reviewerIds.length ? options.reviewerIds : [-1]);
    const approved = await query.returning('reviewer_id').execute();
    await notify(trx, approved.map((a) => a.reviewer_id), { kind: 'peer.requested', title: `${subject.name} would value your feedback`, link: `/cycles/${cycle.id}/tasks`, dedupeKey: `peer-${cycle.id}-${subject.personId}`, now: options.now });
    return listPeerRequestsFor(trx, { actor: options.actor, cycleId: cycle.id, subjectId: subject.personId });
  });
}

/** Withdraws a request that has not been answered: by the subject (their nominations) or the chain. */
export async function withdrawPeerRequest(db: Kysely<DB>, options: { actor: Actor; requestId: number; now: Date }) {
  const request = await db.selectFrom('peer_requests').selectAll().where('id', '=', options.requestId).executeTakeFirst();
  const subject = request ? await findParticipant(db, request.cycle_id, request.subject_id) : null;
  const mayWithdraw = subject && (isAboveInChain(options.actor, subject.path) || (options.actor.personId === subject.personId && request!.status === 'nominated'));
  if (!request || !mayWithdraw) throw new AppError('NOT_FOUND', { detail: `No peer request ${options.requestId} you can withdraw.` });
  if (request.status === 'submitted') throw new AppError('ALREADY_SUBMITTED', { detail: 'Feedback was already given for this request.', extra: { rule: 'ALREADY_SUBMITTED' } });
  // Only while the status is still the one checked: a submission landing between the read and
  // this write must not be withdrawn under the reviewer (found by test/concurrency-feedback).
  const updated = await db.updateTable('peer_requests').set({ status: 'withdrawn', updated_at: options.now }).where('id', '=', request.id).where('status', '=', request.status).executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError('CONFLICT', { detail: 'This request changed while you were withdrawing it; reload it and try again.', extra: { rule: 'REQUEST_CHANGED' } });
}

/** The reviewer accepts or declines (with a reason, which the subject's manager sees). */
export async function respondToPeerRequest(db: Kysely<DB>, options: { actor: Actor; requestId: number; accept: boolean; reason?: string; now: Date }) {
  const request = await db.selectFrom('peer_requests').selectAll().where('id', '=', options.requestId).executeTakeFirst();
  if (!request || request.reviewer_id !== options.actor.personId || request.status === 'nominated' || request.status === 'withdrawn') {
    throw new AppError('NOT_FOUND', { detail: `No feedback request ${options.requestId} addressed to you.` });
  }
  const cycle = await loadCycle(db, request.cycle_id);
  assertActionOpen(cycle, 'respondToRequest', options.now);
  if (request.status === 'submitted') throw new AppError('ALREADY_SUBMITTED', { detail: 'You already gave this feedback.', extra: { rule: 'ALREADY_SUBMITTED' } });
  if (!options.accept && !options.reason?.trim()) {
    throw new AppError('VALIDATION_FAILED', { detail: 'Say briefly why you decline, so the requester can ask someone else.', errors: [{ path: 'body.reason', message: 'is required when declining' }] });
  }
  // Conditional on the status checked above, as for withdrawing.
  const updated = await db
    .updateTable('peer_requests')
    .set({ status: options.accept ? 'accepted' : 'declined', decline_reason: options.accept ? null : options.reason!.trim(), updated_at: options.now })
    .where('id', '=', request.id)
    .where('status', '=', request.status)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError('CONFLICT', { detail: 'This request changed while you were answering it; reload it and try again.', extra: { rule: 'REQUEST_CHANGED' } });
}

/**
 * The requests about one person. The subject sees whom they asked but never who has answered
 * (that would unmask authors); the chain and HR see each reviewer's status.
 */
export async function listPeerRequestsFor(db: Kysely<DB>, options: { actor: Actor; cycleId: number; subjectId: number }) {
  const subject = await findParticipant(db, options.cycleId, options.subjectId);
  const isSubject = options.actor.personId === options.subjectId;
  const oversees = subject !== null && (isAboveInChain(options.actor, subject.path) || hrCovers(options.actor, subject.path));
  if (!subject || !(isSubject || oversees)) throw new AppError('NOT_FOUND', { detail: `No peer requests you can read for person ${options.subjectId}.` });
  const rows = await db
    .selectFrom('peer_requests as r')
    .innerJoin('people as reviewer', 'reviewer.id', 'r.reviewer_id')
    .select(['r.id', 'r.status', 'r.decline_reason', 'r.nominated_by', 'reviewer.id as reviewer_id', 'reviewer.name as reviewer_name', 'reviewer.title as reviewer_title'])
    .where('r.cycle_id', '=', options.cycleId)
    .where('r.subject_id', '=', options.subjectId)
    .where('r.status', '!=', 'withdrawn')
    .orderBy('reviewer.name')
    .execute();
  // The subject sees the peers they chose themselves; whom the manager asked stays a count.
  const shown = oversees ? rows : rows.filter((r) => r.nominated_by === options.subjectId);
  return {
    subject: { id: subject.personId, name: subject.name },
    requests: shown.map((r) => ({
      id: r.id,
      reviewer: { id: r.reviewer_id, name: r.reviewer_name, title: r.reviewer_title },
      // Answered and pending look the same to the subject.
      status: isSubject && !oversees && (r.status === 'accepted' || r.status === 'submitted') ? ('requested' as const) : r.status,
      declineReason: oversees ? r.decline_reason : null,
    })),
    askedByManager: rows.length - shown.length,
    ...(isSubject && !oversees ? {} : { responses: rows.filter((r) => r.status === 'submitted').length }),
  };
}
