import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { hasRole, type Actor } from '../accounts/actor.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { isAboveInChain } from '../cycles/cycles.access.ts';
import { activePolicy } from '../policy/policy.service.ts';
import { PACKET_SECTIONS } from '../policy/promotions.schema.ts';
import { loadPacket, recordEvent } from './packets.repository.ts';
import { packetRelation } from './packets.access.ts';
import { presentPacket } from './packet-view.ts';
import { ladderPosition } from './ladder-position.ts';

/** A packet for this reader; 404 when they may not see it. */
export async function getPacket(db: Kysely<DB>, options: { actor: Actor; packetId: number; now: Date }) {
  return presentPacket(db, options.actor, await loadPacket(db, options.packetId), options.now);
}

/**
 * The manager opens a promotion case for a report, for the next level on their ladder, under the
 * organisation's active policy (pinned, as a cycle pins its policy). One open case per person.
 */
export async function createPacket(db: Kysely<DB>, options: { actor: Actor; candidateId: number; now: Date; requestId?: string }) {
  const { actor } = options;
  const candidate = await db.selectFrom('people').select(['id', 'name', 'level', 'path', 'status', 'job_function']).where('id', '=', options.candidateId).executeTakeFirst();
  if (!candidate || !isAboveInChain(actor, candidate.path)) {
    throw new AppError('FORBIDDEN', { detail: 'Managers open promotion cases for people in their own organisation.', extra: { rule: 'NOT_YOUR_REPORT' } });
  }
  if (candidate.status === 'terminated') throw new AppError('PROMOTION_RULE_VIOLATED', { detail: `${candidate.name} has left.`, extra: { rule: 'CANDIDATE_LEFT' } });
  const position = await ladderPosition(db, candidate.level, candidate.job_function);
  if (!position?.next) {
    throw new AppError('PROMOTION_RULE_VIOLATED', { detail: `${candidate.level} is the top of ${candidate.name}’s ladder, or not on a ladder: there is no next level.`, extra: { rule: 'NO_NEXT_LEVEL' } });
  }
  const policy = await activePolicy(db);
  if (!policy.policy.promotions) throw new AppError('CONFLICT', { detail: `The active policy (${policy.policy.key} version ${policy.version}) has no promotion rules.`, extra: { rule: 'POLICY_HAS_NO_PROMOTIONS' } });

  const packetId = await db.transaction().execute(async (trx) => {
    const open = await trx.selectFrom('promotion_packets').select('id').where('candidate_id', '=', candidate.id).where('status', 'in', ['draft', 'submitted', 'committee_review']).forUpdate().executeTakeFirst();
    if (open) throw new AppError('CONFLICT', { detail: `${candidate.name} already has an open promotion case.`, extra: { rule: 'PACKET_ALREADY_OPEN', packetId: open.id } });
    const { id } = await trx
      .insertInto('promotion_packets')
      .values({ candidate_id: candidate.id, author_id: actor.personId!, policy_id: policy.id, from_level: candidate.level, to_level: position.next!.code, created_at: options.now, updated_at: options.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('promotion_sections')
      .values(PACKET_SECTIONS.map((section) => ({ packet_id: id, section, updated_at: options.now })))
      .execute();
    await recordEvent(trx, { packetId: id, actorAccountId: actor.accountId, from: null, to: 'draft', note: `Opened for ${candidate.level} to ${position.next!.code}.`, at: options.now });
    await appendAuditEvent(trx, {
      actorAccountId: actor.accountId,
      action: 'promotion.packet.created',
      subjectType: 'promotion_packet',
      subjectId: id,
      requestId: options.requestId,
      details: { candidateId: candidate.id, from: candidate.level, to: position.next!.code, policy: `${policy.policy.key}@${policy.version}` },
      at: options.now,
    });
    return id;
  });
  return getPacket(db, { actor, packetId, now: options.now });
}

/** Packets this reader relates to: their own case, their organisation's, committees they sit on, HR scope, or all for admins. */
export async function listPackets(db: Kysely<DB>, options: { actor: Actor }) {
  const { actor } = options;
  const rows = await db
    .selectFrom('promotion_packets as k')
    .innerJoin('people as c', 'c.id', 'k.candidate_id')
    .select(['k.id', 'k.from_level', 'k.to_level', 'k.status', 'k.updated_at', 'c.id as candidate_id', 'c.name as candidate_name', 'c.path as candidate_path'])
    .select((eb) => eb.exists(eb.selectFrom('promotion_committee as m').select('m.account_id').whereRef('m.packet_id', '=', 'k.id').where('m.account_id', '=', actor.accountId)).as('member'))
    .where((eb) => {
      if (hasRole(actor, 'admin') || actor.hrScope?.wholeOrganisation) return sql<SqlBool>`true`;
      const clauses = [eb.exists(eb.selectFrom('promotion_committee as m').select('m.account_id').whereRef('m.packet_id', '=', 'k.id').where('m.account_id', '=', actor.accountId))];
      if (actor.personPath) clauses.push(eb('c.path', 'like', `${actor.personPath}%`));
      for (const root of actor.hrScope?.roots ?? []) clauses.push(eb('c.path', 'like', `${root.path}%`));
      return eb.or(clauses);
    })
    .orderBy('k.updated_at', 'desc')
    .limit(500)
    .execute();
  return {
    packets: rows.flatMap((r) => {
      const relation = packetRelation(actor, { candidate: { id: r.candidate_id, path: r.candidate_path } }, r.member ? [actor.accountId] : []);
      return relation
        ? [{ id: r.id, candidate: { id: r.candidate_id, name: r.candidate_name }, fromLevel: r.from_level, toLevel: r.to_level, status: r.status, updatedAt: r.updated_at.toISOString(), relation }]
        : [];
    }),
  };
}
