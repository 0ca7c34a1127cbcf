import type { Kysely } from 'kysely';
import type { DB, LevelExpectations, PacketEvidenceItem } from '../db/schema.ts';
import type { LadderDimension, PacketSection } from '../policy/promotions.schema.ts';
import { checkReadiness, type Readiness } from './readiness.rules.ts';
import { countPeerFeedback, latestCalibratedRating, promotionsOf, type PacketRow } from './packets.repository.ts';
import { ladderPosition, statedDimensions } from './ladder-position.ts';

/** The expectations of the level a packet argues for, as the ladder states them today. */
async function targetExpectations(db: Kysely<DB>, packet: PacketRow): Promise<LevelExpectations | null> {
  const position = await ladderPosition(db, packet.fromLevel, packet.candidate.jobFunction);
  if (position?.next?.code === packet.toLevel) return position.next.expectations;
  const row = await db.selectFrom('ladder_levels').select('expectations').where('code', '=', packet.toLevel).orderBy('ladder_id').executeTakeFirst();
  return row?.expectations ?? null;
}

/** Twelve months (or the policy's window) before `now`, for counting recent peer feedback. */
function monthsBefore(now: Date, months: number): Date {
  const since = new Date(now);
  since.setUTCMonth(since.getUTCMonth() - months);
  return since;
}

/** Gathers the readiness inputs of a packet from the database and runs the pure check. */
export async function packetReadiness(
  db: Kysely<DB>,
  packet: PacketRow,
  sections: readonly { section: string; body: string; evidence: PacketEvidenceItem[] }[],
  now: Date,
): Promise<Readiness> {
  const promotions = promotionsOf(packet);
  const [expectations, rating, peerFeedbackCount] = await Promise.all([
    targetExpectations(db, packet),
    latestCalibratedRating(db, packet.candidate.id),
    countPeerFeedback(db, packet.candidate.id, monthsBefore(now, promotions.readiness.peerFeedback.lookbackMonths)),
  ]);
  return checkReadiness(promotions, {
    fromLevel: packet.fromLevel,
    toLevel: packet.toLevel,
    nextLevelDimensions: expectations ? statedDimensions(expectations) : [],
    rating: rating?.ov ?? null,
    peerFeedbackCount,
    sections: Object.fromEntries(
      sections.map((s) => [s.section as PacketSection, { text: s.body, evidence: s.evidence.map((e) => ({ expectations: e.expectations as LadderDimension[] })) }]),
    ),
  });
}
