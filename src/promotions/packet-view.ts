import type { Kysely } from 'kysely';
import type { DB, PacketEvidenceItem } from '../db/schema.ts';
import type { Actor } from '../accounts/actor.ts';
import { PACKET_SECTIONS, type LadderDimension } from '../policy/promotions.schema.ts';
import type { Packet } from '../shared/schemas/promotions.ts';
import { truncateToWords } from '../shared/words.ts';
import { loadCommittee, loadEvents, loadSections, loadVotes, logNotesAbout, peerFeedbackAbout, promotionsOf, type PacketRow } from './packets.repository.ts';
import { authorizeReadPacket, canWritePacket, type PacketRelation } from './packets.access.ts';
import { packetReadiness } from './packet-readiness.ts';
import { isDecided, isEditable, nextStatus } from './workflow.rules.ts';
import { tally, voteProblem } from './committee.rules.ts';
import { administersSubtree, isAboveInChain } from '../cycles/cycles.access.ts';
import { ladderPosition } from './ladder-position.ts';

const excerpt = (text: string) => truncateToWords(text, 40);

/**
 * Which linked notes and feedback this reader may quote. The packet never widens what the cycle
 * and the log allow: the candidate reads notes they wrote (all notes where the policy makes the
 * log transparent) and never peer feedback text through the packet, since its release follows
 * the cycle's own rules.
 */
async function readableExcerpts(db: Kysely<DB>, packet: PacketRow, relation: PacketRelation, items: PacketEvidenceItem[]) {
  const noteIds = items.filter((e) => e.kind === 'log_note' && e.refId).map((e) => e.refId!);
  const feedbackIds = items.filter((e) => e.kind === 'peer_feedback' && e.refId).map((e) => e.refId!);
  const candidate = relation === 'candidate';
  const notes = noteIds.length ? await logNotesAbout(db, packet.candidate.id, { ids: noteIds }) : [];
  const feedback = feedbackIds.length && !candidate ? await peerFeedbackAbout(db, packet.candidate.id, feedbackIds) : [];
  const transparentLog = packet.policy.document.forte.employeeReadsManagerLog;
  return {
    note: new Map(notes.filter((n) => !candidate || transparentLog || n.author_id === packet.candidate.id).map((n) => [n.id, excerpt(n.body)])),
    feedback: new Map(feedback.map((f) => [f.id, excerpt(f.superpowers)])),
  };
}

/** Notes and feedback an editor may link, as the candidate or the chain may read them. */
async function evidenceOptions(db: Kysely<DB>, packet: PacketRow, relation: PacketRelation) {
  const candidate = relation === 'candidate';
  const transparentLog = packet.policy.document.forte.employeeReadsManagerLog;
  const notes = await logNotesAbout(db, packet.candidate.id, candidate && !transparentLog ? { authorId: packet.candidate.id } : {});
  const feedback = candidate ? [] : await peerFeedbackAbout(db, packet.candidate.id);
  return {
    logNotes: notes.map((n) => ({ id: n.id, occurredOn: n.occurred_on, kind: n.kind, excerpt: excerpt(n.body) })),
    peerFeedback: feedback.map((f) => ({ id: f.id, cycle: f.cycle, excerpt: excerpt(f.superpowers), submittedAt: f.submitted_at?.toISOString() ?? '' })),
  };
}

/** A packet as this reader may see it, with readiness, the committee and what they can do next. */
export async function presentPacket(db: Kysely<DB>, actor: Actor, packet: PacketRow, now: Date): Promise<Packet> {
  const promotions = promotionsOf(packet);
  const [sections, members, votes, events, position] = await Promise.all([
    loadSections(db, packet.id),
    loadCommittee(db, packet.id),
    loadVotes(db, packet.id),
    loadEvents(db, packet.id),
    ladderPosition(db, packet.fromLevel, packet.candidate.jobFunction),
  ]);
  const memberIds = members.map((m) => m.accountId);
  const relation = authorizeReadPacket(actor, packet, memberIds);
  const readiness = await packetReadiness(db, packet, sections, now);
  const evidence = sections.flatMap((s) => s.evidence);
  const excerpts = await readableExcerpts(db, packet, relation, evidence);
  const manager = packet.candidate.managerId ? await db.selectFrom('people').select(['id', 'name']).where('id', '=', packet.candidate.managerId).executeTakeFirst() : undefined;

  const voteContext = { memberAccountIds: memberIds, candidateId: packet.candidate.id, managerId: packet.candidate.managerId, authorId: packet.author.id };
  const mine = votes.find((v) => v.accountId === actor.accountId);
  const seesNames = relation === 'committee' || relation === 'hr' || relation === 'admin';
  const runs = administersSubtree(actor, packet.candidate.path) && actor.personId !== packet.candidate.id;
  const editable = isEditable(packet.status) && canWritePacket(actor, packet);
  const chain = isAboveInChain(actor, packet.candidate.path);
  const decided = packet.decidedAt !== null && isDecided(packet.status);

  return {
    id: packet.id,
    candidate: { id: packet.candidate.id, name: packet.candidate.name, level: packet.candidate.level, title: packet.candidate.title },
    author: packet.author,
    manager: manager ?? null,
    fromLevel: packet.fromLevel,
    toLevel: packet.toLevel,
    toTitle: position?.next?.code === packet.toLevel ? position.next.title : packet.toLevel,
    status: packet.status,
    policy: { key: packet.policy.key, version: packet.policy.version },
    sections: PACKET_SECTIONS.map((key) => {
      const row = sections.find((s) => s.section === key);
      const meta = promotions.sections[key];
      return {
        key,
        label: meta.label,
        prompt: meta.prompt,
        weight: meta.weight,
        text: row?.body ?? '',
        evidence: (row?.evidence ?? []).map((e) => ({
          kind: e.kind,
          ...(e.refId !== undefined ? { refId: e.refId } : {}),
          ...(e.url !== undefined ? { url: e.url } : {}),
          title: e.title,
          expectations: e.expectations as LadderDimension[],
          excerpt: e.refId === undefined ? null : ((e.kind === 'log_note' ? excerpts.note : excerpts.feedback).get(e.refId) ?? null),
        })),
        version: row?.version ?? 0,
        updatedAt: row && row.version > 0 ? row.updated_at.toISOString() : null,
        updatedBy: row && row.version > 0 ? row.updated_by_name : null,
      };
    }),
    readiness,
    committee: {
      // The candidate is judged by the committee, not told who sits on it: names stay with the
      // members, the chain that presents the case, and those who run it.
      members: relation === 'candidate' ? [] : members.map((m) => ({ accountId: m.accountId, name: m.name, mayVote: voteProblem(promotions.committee, { ...voteContext, voterAccountId: m.accountId, voterPersonId: m.personId }) === null })),
      memberCount: members.length,
      tally: tally(votes),
      // Members and those who run the committee see who voted how; the candidate and the chain
      // read the committee's written feedback once the decision is made, without names.
      votes: seesNames
        ? votes.map((v) => ({ name: v.name, vote: v.vote, feedback: v.feedback, at: v.at.toISOString() }))
        : decided
          ? votes.filter((v) => v.feedback.trim()).map((v) => ({ name: null, vote: null, feedback: v.feedback, at: null }))
          : [],
      minimumVotes: promotions.committee.minimumVotes,
      approval: promotions.committee.approval,
    },
    decision: decided ? { outcome: packet.status as 'approved' | 'not_approved', feedback: packet.decisionFeedback ?? '', decidedAt: packet.decidedAt!.toISOString() } : null,
    history: events.map((e) => ({ from: e.from_status, to: e.to_status, note: e.note, at: e.at.toISOString(), actor: e.actor })),
    viewer: {
      role: relation,
      canEdit: editable,
      canSubmit: chain && nextStatus(packet.status, 'submit') !== null,
      canWithdraw: chain && nextStatus(packet.status, 'withdraw') !== null,
      canStartCommittee: runs && nextStatus(packet.status, 'startCommittee') !== null,
      canVote: packet.status === 'committee_review' && voteProblem(promotions.committee, { ...voteContext, voterAccountId: actor.accountId, voterPersonId: actor.personId }) === null,
      canDecide: runs && packet.status === 'committee_review',
      myVote: mine ? { vote: mine.vote, feedback: mine.feedback } : null,
    },
    evidenceOptions: editable ? await evidenceOptions(db, packet, relation) : null,
  };
}
