import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { notify } from '../cycles/notifications.service.ts';
import { applyPromotionIncrease } from '../compensation/changes.service.ts';
import { isoDay } from '../compensation/dates.rules.ts';
import { loadCommittee, loadPacket, loadSections, loadVotes, promotionsOf, recordEvent, type PacketRow } from './packets.repository.ts';
import { authorizeManagePacket, authorizeReadPacket, authorizeRunCommittee } from './packets.access.ts';
import { packetReadiness } from './packet-readiness.ts';
import { decisionProblems, voteProblem, type Vote } from './committee.rules.ts';
import { nextStatus, type PacketAction, type PacketStatus } from './workflow.rules.ts';
import { getPacket } from './packets.service.ts';

type Options = { actor: Actor; packetId: number; now: Date; requestId?: string };

// The rule each readiness check answers with when the policy makes it block submission.
const BLOCKING_RULES = { coverage: 'COVERAGE_BELOW_TARGET', rating: 'RATING_REQUIREMENT', peerFeedback: 'PEER_FEEDBACK_BELOW_MINIMUM', length: 'PACKET_TOO_SHORT', commonBlockers: 'COMMON_BLOCKER' } as const;

/** Loads and locks a packet, checks the reader may see it, and works out where `action` leads. */
async function begin(trx: Kysely<DB>, options: Options, action: PacketAction) {
  const packet = await loadPacket(trx, options.packetId, true);
  const members = await loadCommittee(trx, packet.id);
  authorizeReadPacket(options.actor, packet, members.map((m) => m.accountId));
  const next = nextStatus(packet.status, action);
  return { packet, members, next };
}

function assertOpen(packet: PacketRow, next: PacketStatus | null, what: string): PacketStatus {
  if (!next) throw new AppError('CONFLICT', { detail: `The packet is ${packet.status.replace('_', ' ')}: it cannot be ${what} now.`, extra: { rule: 'WRONG_STATUS', packetStatus: packet.status } });
  return next;
}

async function moveTo(trx: Kysely<DB>, options: Options, packet: PacketRow, to: PacketStatus, note: string, extra: { decision_feedback?: string; decided_at?: Date } = {}) {
  await trx.updateTable('promotion_packets').set({ status: to, version: packet.version + 1, updated_at: options.now, ...extra }).where('id', '=', packet.id).execute();
  await recordEvent(trx, { packetId: packet.id, actorAccountId: options.actor.accountId, from: packet.status, to, note, at: options.now });
  await appendAuditEvent(trx, { actorAccountId: options.actor.accountId, action: `promotion.packet.${to}`, subjectType: 'promotion_packet', subjectId: packet.id, requestId: options.requestId, details: { from: packet.status, to, candidateId: packet.candidate.id }, at: options.now });
}

/** The manager puts the case forward; blocked when a readiness check the policy enforces fails. */
export async function submitPacket(db: Kysely<DB>, options: Options) {
  await db.transaction().execute(async (trx) => {
    const { packet, next } = await begin(trx, options, 'submit');
    authorizeManagePacket(options.actor, packet);
    const to = assertOpen(packet, next, 'submitted');
    const readiness = await packetReadiness(trx, packet, await loadSections(trx, packet.id), options.now);
    const blocked = readiness.checks.filter((c) => c.status === 'blocked');
    if (blocked.length) {
      throw new AppError('PROMOTION_RULE_VIOLATED', {
        detail: blocked.map((c) => c.message).join(' '),
        errors: blocked.map((c) => ({ path: `readiness.${c.key}`, message: c.message })),
        extra: { rule: BLOCKING_RULES[blocked[0]!.key], rules: blocked.map((c) => BLOCKING_RULES[c.key]) },
      });
    }
    const warnings = readiness.checks.filter((c) => c.status === 'warn').length;
    await moveTo(trx, options, packet, to, warnings ? `Submitted with ${warnings} readiness warning${warnings === 1 ? '' : 's'}.` : 'Submitted.');
  });
  return getPacket(db, options);
}

/** Until the committee has it, the manager can take the case back to edit. */
export async function withdrawPacket(db: Kysely<DB>, options: Options) {
  await db.transaction().execute(async (trx) => {
    const { packet, next } = await begin(trx, options, 'withdraw');
    authorizeManagePacket(options.actor, packet);
    await moveTo(trx, options, packet, assertOpen(packet, next, 'withdrawn'), 'Taken back to edit.');
  });
  return getPacket(db, options);
}

/** HR hands the case to a committee. The candidate cannot sit on it; their manager may, to present it. */
export async function startCommittee(db: Kysely<DB>, options: Options & { memberAccountIds?: number[]; memberPersonIds?: number[] }) {
  await db.transaction().execute(async (trx) => {
    const { packet, next } = await begin(trx, options, 'startCommittee');
    authorizeRunCommittee(options.actor, packet);
    const to = assertOpen(packet, next, 'sent to a committee');
    const personIds = options.memberPersonIds ?? [];
    const byPerson = personIds.length ? await trx.selectFrom('accounts').select(['id', 'person_id']).where('person_id', 'in', personIds).execute() : [];
    const problems = personIds.flatMap((id, i) => (byPerson.some((a) => a.person_id === id) ? [] : [{ path: `body.memberPersonIds.${i}`, message: `person ${id} has no account to sign in and vote with` }]));
    const ids = [...new Set([...(options.memberAccountIds ?? []), ...byPerson.map((a) => a.id)])];
    const accounts = await trx.selectFrom('accounts').select(['id', 'person_id', 'disabled_at']).where('id', 'in', ids.length ? ids : [0]).execute();
    problems.push(
      ...ids.flatMap((id, i) => {
        const account = accounts.find((a) => a.id === id);
        if (!account || account.disabled_at) return [{ path: `body.memberAccountIds.${i}`, message: `no active account ${id}` }];
        if (account.person_id === packet.candidate.id) return [{ path: `body.memberAccountIds.${i}`, message: 'the candidate cannot sit on their own committee' }];
        return [];
      }),
    );
    if (problems.length) throw new AppError('PROMOTION_RULE_VIOLATED', { detail: problems.map((p) => `${p.path} ${p.message}`).join('; '), errors: problems, extra: { rule: 'COMMITTEE_INVALID' } });
    await trx.insertInto('promotion_committee').values(ids.map((account_id) => ({ packet_id: packet.id, account_id }))).execute();
    await moveTo(trx, options, packet, to, `Committee of ${ids.length}.`);
    const people = accounts.map((a) => a.person_id).filter((p): p is number => p !== null);
    await notify(trx, people, { kind: 'promotion_committee', title: `A promotion case for ${packet.candidate.name} awaits your review`, link: `/promotions/${packet.id}`, dedupeKey: `promotion-committee:${packet.id}`, now: options.now });
  });
  return getPacket(db, options);
}

/** A committee member's vote and written feedback; the candidate's own manager presents but does not vote. */
export async function castVote(db: Kysely<DB>, options: Options & { vote: Vote; feedback: string }) {
  await db.transaction().execute(async (trx) => {
    const { packet, members } = await begin(trx, options, 'approve');
    const problem = voteProblem(promotionsOf(packet).committee, {
      voterAccountId: options.actor.accountId,
      voterPersonId: options.actor.personId,
      memberAccountIds: members.map((m) => m.accountId),
      candidateId: packet.candidate.id,
      managerId: packet.candidate.managerId,
      authorId: packet.author.id,
    });
    if (problem?.rule === 'MANAGER_MAY_NOT_VOTE') throw new AppError('PROMOTION_RULE_VIOLATED', { detail: problem.message, extra: { rule: problem.rule } });
    if (problem) throw new AppError('FORBIDDEN', { detail: problem.message, extra: { rule: problem.rule } });
    if (packet.status !== 'committee_review') throw new AppError('CONFLICT', { detail: `The packet is ${packet.status.replace('_', ' ')}: votes are taken during committee review.`, extra: { rule: 'WRONG_STATUS', packetStatus: packet.status } });
    if (options.vote === 'not_yet' && !options.feedback) {
      throw new AppError('PROMOTION_RULE_VIOLATED', { detail: 'A "not yet" vote says what the candidate should show next.', errors: [{ path: 'body.feedback', message: 'is required with a "not yet" vote' }], extra: { rule: 'VOTE_FEEDBACK_REQUIRED' } });
    }
    await trx
      .insertInto('promotion_votes')
      .values({ packet_id: packet.id, account_id: options.actor.accountId, vote: options.vote, feedback: options.feedback, at: options.now })
      .onConflict((oc) => oc.columns(['packet_id', 'account_id']).doUpdateSet({ vote: options.vote, feedback: options.feedback, at: options.now }))
      .execute();
    await appendAuditEvent(trx, { actorAccountId: options.actor.accountId, action: 'promotion.vote.cast', subjectType: 'promotion_packet', subjectId: packet.id, requestId: options.requestId, details: { vote: options.vote, feedbackChars: options.feedback.length }, at: options.now });
  });
  return getPacket(db, options);
}

/**
 * Records the committee's decision. Approval needs the quorum and the policy's agreement rule,
 * moves the candidate to the new level and applies the promotion increase, all in one
 * transaction; a decision that is not an approval must say what the candidate can do next.
 */
export async function decidePacket(db: Kysely<DB>, options: Options & { outcome: 'approved' | 'not_approved'; feedback: string }) {
  await db.transaction().execute(async (trx) => {
    const { packet, next } = await begin(trx, options, options.outcome === 'approved' ? 'approve' : 'decline');
    authorizeRunCommittee(options.actor, packet);
    const to = assertOpen(packet, next, 'decided');
    const problems = decisionProblems(promotionsOf(packet).committee, { outcome: options.outcome, votes: await loadVotes(trx, packet.id), feedback: options.feedback });
    if (problems.length) {
      throw new AppError('PROMOTION_RULE_VIOLATED', { detail: problems.map((p) => p.message).join(' '), errors: problems.map((p) => ({ path: p.rule === 'FEEDBACK_REQUIRED' ? 'body.feedback' : 'body.outcome', message: p.message })), extra: { rule: problems[0]!.rule, rules: problems.map((p) => p.rule) } });
    }
    await moveTo(trx, options, packet, to, options.outcome === 'approved' ? `Approved: ${packet.fromLevel} to ${packet.toLevel}.` : 'Not approved this time.', { decision_feedback: options.feedback, decided_at: options.now });
    if (options.outcome === 'approved') {
      await trx.updateTable('people').set({ level: packet.toLevel, updated_at: options.now }).where('id', '=', packet.candidate.id).execute();
      await appendAuditEvent(trx, { actorAccountId: options.actor.accountId, action: 'person.promoted', subjectType: 'person', subjectId: packet.candidate.id, requestId: options.requestId, details: { from: packet.fromLevel, to: packet.toLevel, packetId: packet.id }, at: options.now });
      await applyPromotionIncrease(trx, { actorAccountId: options.actor.accountId, personId: packet.candidate.id, toLevel: packet.toLevel, packetId: packet.id, effectiveOn: isoDay(options.now), now: options.now, requestId: options.requestId });
    }
    await notify(trx, [packet.candidate.id], { kind: 'promotion_decision', title: options.outcome === 'approved' ? `Your promotion to ${packet.toLevel} was approved` : 'Your promotion case has feedback from the committee', link: `/promotions/${packet.id}`, now: options.now });
  });
  return getPacket(db, options);
}
