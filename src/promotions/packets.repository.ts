import { sql, type Kysely } from 'kysely';
import type { DB, PacketEvidenceItem } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { getPolicyVersion } from '../policy/policy.service.ts';
import type { Policy } from '../policy/policy.schema.ts';
import type { PromotionsPolicy } from '../policy/promotions.schema.ts';
import type { PacketStatus } from './workflow.rules.ts';

export interface PacketRow {
  id: number;
  status: PacketStatus;
  fromLevel: string;
  toLevel: string;
  version: number;
  decisionFeedback: string | null;
  decidedAt: Date | null;
  updatedAt: Date;
  candidate: { id: number; name: string; level: string; title: string | null; path: string; managerId: number | null; jobFunction: string | null };
  author: { id: number; name: string };
  policy: { id: number; key: string; version: number; document: Policy };
}

/** The promotions section of a pinned policy; versions stored before promotions existed have none. */
export function promotionsOf(packet: Pick<PacketRow, 'policy'>): PromotionsPolicy {
  const promotions = packet.policy.document.promotions;
  if (!promotions) {
    throw new AppError('CONFLICT', { detail: `The policy ${packet.policy.key} version ${packet.policy.version} has no promotion rules.`, extra: { rule: 'POLICY_HAS_NO_PROMOTIONS' } });
  }
  return promotions;
}

/** A packet with its candidate, author and pinned policy; 404 when it does not exist. `lock` takes the row for update. */
export async function loadPacket(db: Kysely<DB>, packetId: number, lock = false): Promise<PacketRow> {
  let query = db
    .selectFrom('promotion_packets as k')
    .innerJoin('people as c', 'c.id', 'k.candidate_id')
    .innerJoin('people as a', 'a.id', 'k.author_id')
    .innerJoin('policies as p', 'p.id', 'k.policy_id')
    .select([
      'k.id',
      'k.status',
      'k.from_level',
      'k.to_level',
      'k.version',
      'k.decision_feedback',
      'k.decided_at',
      'k.updated_at',
      'k.policy_id',
      'p.key as policy_key',
      'p.version as policy_version',
      'c.id as candidate_id',
      'c.name as candidate_name',
      'c.level as candidate_level',
      'c.title as candidate_title',
      'c.path as candidate_path',
      'c.manager_id as candidate_manager_id',
      'c.job_function as candidate_job_function',
      'a.id as author_id',
      'a.name as author_name',
    ])
    .where('k.id', '=', packetId);
  if (lock) query = query.forUpdate('k');
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { detail: `No promotion packet ${packetId}.` });
  const { policy } = await getPolicyVersion(db, row.policy_id);
  return {
    id: row.id,
    status: row.status,
    fromLevel: row.from_level,
    toLevel: row.to_level,
    version: row.version,
    decisionFeedback: row.decision_feedback,
    decidedAt: row.decided_at,
    updatedAt: row.updated_at,
    candidate: { id: row.candidate_id, name: row.candidate_name, level: row.candidate_level, title: row.candidate_title, path: row.candidate_path, managerId: row.candidate_manager_id, jobFunction: row.candidate_job_function },
    author: { id: row.author_id, name: row.author_name },
    policy: { id: row.policy_id, key: row.policy_key, version: row.policy_version, document: policy },
  };
}

export async function loadSections(db: Kysely<DB>, packetId: number) {
  return db
    .selectFrom('promotion_sections as s')
    .leftJoin('accounts as u', 'u.id', 's.updated_by')
    .select(['s.section', 's.body', 's.evidence', 's.version', 's.updated_at', 'u.name as updated_by_name'])
    .where('s.packet_id', '=', packetId)
    .execute();
}

export async function loadCommittee(db: Kysely<DB>, packetId: number) {
  return db
    .selectFrom('promotion_committee as m')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .select(['a.id as accountId', 'a.name', 'a.person_id as personId'])
    .where('m.packet_id', '=', packetId)
    .orderBy('a.name')
    .execute();
}

export async function loadVotes(db: Kysely<DB>, packetId: number) {
  return db
    .selectFrom('promotion_votes as v')
    .innerJoin('accounts as a', 'a.id', 'v.account_id')
    .select(['v.account_id as accountId', 'a.name', 'v.vote', 'v.feedback', 'v.at'])
    .where('v.packet_id', '=', packetId)
    .orderBy('v.at')
    .execute();
}

export async function loadEvents(db: Kysely<DB>, packetId: number) {
  return db
    .selectFrom('promotion_events as e')
    .leftJoin('accounts as a', 'a.id', 'e.actor_account_id')
    .select(['e.from_status', 'e.to_status', 'e.note', 'e.at', 'a.name as actor'])
    .where('e.packet_id', '=', packetId)
    .orderBy('e.id')
    .execute();
}

/** The latest rating from a finalised or delivered calibration: what promotion and merit read. */
export async function latestCalibratedRating(db: Kysely<DB>, personId: number) {
  const row = await db
    .selectFrom('calibrated_ratings as r')
    .innerJoin('calibration_sessions as s', 's.id', 'r.session_id')
    .select(['r.ov', 'r.forte_summary'])
    .where('r.person_id', '=', personId)
    .where('s.status', 'in', ['finalised', 'delivered'])
    .orderBy(sql`coalesce(s.finalised_at, s.created_at)`, 'desc')
    .orderBy('r.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { ov: row.ov, forteSummary: row.forte_summary } : null;
}

/** Submitted peer feedback about a person since a moment. */
export async function countPeerFeedback(db: Kysely<DB>, personId: number, since: Date): Promise<number> {
  const row = await db
    .selectFrom('peer_feedback')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('subject_id', '=', personId)
    .where('status', '=', 'submitted')
    .where('submitted_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Continuous-log notes about a person, newest first; `authorId` limits them to one author's. */
export async function logNotesAbout(db: Kysely<DB>, personId: number, options: { ids?: number[]; authorId?: number } = {}) {
  let query = db.selectFrom('feedback_log').select(['id', 'kind', 'occurred_on', 'body', 'author_id']).where('person_id', '=', personId).orderBy('occurred_on', 'desc').orderBy('id', 'desc');
  if (options.ids) query = query.where('id', 'in', options.ids.length ? options.ids : [0]);
  if (options.authorId !== undefined) query = query.where('author_id', '=', options.authorId);
  return query.limit(200).execute();
}

/** Submitted peer feedback about a person with its cycle; never its author. */
export async function peerFeedbackAbout(db: Kysely<DB>, personId: number, ids?: number[]) {
  let query = db
    .selectFrom('peer_feedback as f')
    .innerJoin('review_cycles as c', 'c.id', 'f.cycle_id')
    .select(['f.id', 'f.superpowers', 'f.improvements', 'f.submitted_at', 'c.name as cycle'])
    .where('f.subject_id', '=', personId)
    .where('f.status', '=', 'submitted')
    .orderBy('f.submitted_at', 'desc');
  if (ids) query = query.where('f.id', 'in', ids.length ? ids : [0]);
  return query.limit(200).execute();
}

export async function recordEvent(db: Kysely<DB>, event: { packetId: number; actorAccountId: number | null; from: PacketStatus | null; to: PacketStatus; note?: string; at: Date }) {
  await db.insertInto('promotion_events').values({ packet_id: event.packetId, actor_account_id: event.actorAccountId, from_status: event.from, to_status: event.to, note: event.note ?? '', at: event.at }).execute();
}

export type { PacketEvidenceItem };
