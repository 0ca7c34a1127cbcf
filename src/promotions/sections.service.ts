import type { Kysely } from 'kysely';
import type { DB, PacketEvidenceItem } from '../db/schema.ts';
import { AppError, type FieldProblem } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import type { PacketSection } from '../policy/promotions.schema.ts';
import type { EvidenceItem } from '../shared/schemas/promotions.ts';
import { countWords } from '../shared/words.ts';
import { loadCommittee, loadPacket, logNotesAbout, peerFeedbackAbout, type PacketRow } from './packets.repository.ts';
import { authorizeReadPacket, canWritePacket } from './packets.access.ts';
import { isEditable } from './workflow.rules.ts';
import { getPacket } from './packets.service.ts';

const sameItem = (a: PacketEvidenceItem, b: EvidenceItem) => a.kind === b.kind && a.refId === b.refId && a.url === b.url;

/**
 * Problems with evidence newly linked in this save. Notes and feedback must be about the
 * candidate, and a writer may only link what they may read: the candidate links their own notes
 * (all notes where the log is transparent) and no peer feedback. Items already in the section
 * stay as they are, so the candidate can save a section the manager filled with feedback.
 */
async function evidenceProblems(db: Kysely<DB>, actor: Actor, packet: PacketRow, current: PacketEvidenceItem[], next: EvidenceItem[]): Promise<FieldProblem[]> {
  const added = next.map((item, i) => ({ item, i })).filter(({ item }) => !current.some((c) => sameItem(c, item)));
  const byCandidate = actor.personId === packet.candidate.id;
  const transparentLog = packet.policy.document.forte.employeeReadsManagerLog;
  const noteIds = added.filter(({ item }) => item.kind === 'log_note').map(({ item }) => item.refId!);
  const feedbackIds = added.filter(({ item }) => item.kind === 'peer_feedback').map(({ item }) => item.refId!);
  const notes = noteIds.length ? await logNotesAbout(db, packet.candidate.id, { ids: noteIds, ...(byCandidate && !transparentLog ? { authorId: packet.candidate.id } : {}) }) : [];
  const feedback = feedbackIds.length && !byCandidate ? await peerFeedbackAbout(db, packet.candidate.id, feedbackIds) : [];
  const problems: FieldProblem[] = [];
  for (const { item, i } of added) {
    if (item.kind === 'log_note' && !notes.some((n) => n.id === item.refId)) problems.push({ path: `body.evidence.${i}.refId`, message: `log note ${item.refId} is not a note about ${packet.candidate.name} that you can read` });
    if (item.kind === 'peer_feedback' && !feedback.some((f) => f.id === item.refId)) {
      problems.push({ path: `body.evidence.${i}.refId`, message: byCandidate ? 'peer feedback is linked by the management chain, which may read it' : `peer feedback ${item.refId} is not submitted feedback about ${packet.candidate.name}` });
    }
  }
  return problems;
}

/**
 * Saves one section of a draft packet. Each section has its own version: the manager and the
 * candidate can write different sections at once, and a save against a stale version of the same
 * section is refused with the latest text and evidence, so nobody's text is silently lost.
 */
export async function savePacketSection(
  db: Kysely<DB>,
  options: { actor: Actor; packetId: number; section: PacketSection; text: string; evidence: EvidenceItem[]; version: number; now: Date; requestId?: string },
) {
  const { actor } = options;
  await db.transaction().execute(async (trx) => {
    const packet = await loadPacket(trx, options.packetId, true);
    authorizeReadPacket(actor, packet, (await loadCommittee(trx, packet.id)).map((m) => m.accountId));
    if (!canWritePacket(actor, packet)) throw new AppError('FORBIDDEN', { detail: 'The candidate and their management chain write the case.' });
    if (!isEditable(packet.status)) throw new AppError('CONFLICT', { detail: `The packet is ${packet.status.replace('_', ' ')}; its text no longer changes.`, extra: { rule: 'PACKET_NOT_EDITABLE' } });
    const current = await trx
      .selectFrom('promotion_sections as s')
      .leftJoin('accounts as u', 'u.id', 's.updated_by')
      .select(['s.body', 's.evidence', 's.version', 's.updated_at', 'u.name as updated_by_name'])
      .where('s.packet_id', '=', packet.id)
      .where('s.section', '=', options.section)
      .forUpdate('s')
      .executeTakeFirstOrThrow();
    if (current.version !== options.version) {
      throw new AppError('VERSION_CONFLICT', {
        detail: `${current.updated_by_name ?? 'Someone'} saved this section since you opened it. Nothing you typed is lost: compare with the saved text below and save again.`,
        extra: { rule: 'VERSION_CONFLICT', version: current.version, latest: { text: current.body, evidence: current.evidence, version: current.version, updatedBy: current.updated_by_name, updatedAt: current.updated_at.toISOString() } },
      });
    }
    const problems = await evidenceProblems(trx, actor, packet, current.evidence, options.evidence);
    if (problems.length) {
      throw new AppError('PROMOTION_RULE_VIOLATED', { detail: problems.map((p) => `${p.path} ${p.message}`).join('; '), errors: problems, extra: { rule: 'EVIDENCE_INVALID' } });
    }
    await trx
      .updateTable('promotion_sections')
      .set({ body: options.text, evidence: JSON.stringify(options.evidence), version: current.version + 1, updated_by: actor.accountId, updated_at: options.now })
      .where('packet_id', '=', packet.id)
      .where('section', '=', options.section)
      .execute();
    await trx.updateTable('promotion_packets').set({ updated_at: options.now }).where('id', '=', packet.id).execute();
    await appendAuditEvent(trx, {
      actorAccountId: actor.accountId,
      action: 'promotion.section.saved',
      subjectType: 'promotion_packet',
      subjectId: packet.id,
      requestId: options.requestId,
      details: { section: options.section, version: current.version + 1, words: countWords(options.text), evidence: options.evidence.length },
      at: options.now,
    });
  });
  return getPacket(db, { actor, packetId: options.packetId, now: options.now });
}
