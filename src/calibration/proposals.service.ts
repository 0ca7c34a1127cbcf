import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError, type FieldProblem } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import type { ProposalEvidence } from '../shared/schemas/calibration.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { assertActionOpen, loadCycle, type LoadedCycle } from '../cycles/cycle-loader.ts';
import { findParticipant } from '../cycles/participants.ts';
import { assertTakesPartOrManagesIn, hrCovers, isAboveInChain } from '../cycles/cycles.access.ts';
import { assertVersion } from '../cycles/drafts.ts';
import type { OlrPolicy } from '../policy/olr.schema.ts';
import { checkEvidence } from './evidence.rules.ts';
import { forteSummaryOf, isOnScale, lookupOv } from './ov-matrix.rules.ts';
import { olrOf, scaleProblems } from './olr-cycle.ts';
import { assembleEvidencePacket } from '../growth/living-document.service.ts';

export interface ProposalInput {
  performance: number | null;
  potential: number | null;
  principles: Record<string, number>;
  justification: string;
  evidence: ProposalEvidence;
}

const EMPTY_EVIDENCE: ProposalEvidence = { byDimension: {}, impactExamples: [], peerFeedbackThemes: '', logNoteIds: [], systemMetrics: [], multiplierImpact: '' };

/** How many evidence items each dimension has: the input of the evidence threshold. */
export function evidenceCounts(evidence: ProposalEvidence): Record<string, number> {
  return Object.fromEntries(Object.entries(evidence.byDimension).map(([key, items]) => [key, items.length]));
}

type ProposalRow = {
  performance: number | null;
  potential: number | null;
  principles: Record<string, number>;
  justification: string;
  evidence: ProposalEvidence;
  status: 'draft' | 'submitted';
  version: number;
};

function present(cycle: LoadedCycle, olr: OlrPolicy, person: { id: number; name: string; title: string | null; level: string }, row: ProposalRow | undefined, locked: boolean, startingEvidence: ProposalEvidence = EMPTY_EVIDENCE) {
  const evidence = { ...EMPTY_EVIDENCE, ...(row?.evidence ?? startingEvidence) };
  const rated = row?.performance != null && row.potential != null && isOnScale(olr.scales.performance, row.performance) && isOnScale(olr.scales.potential, row.potential);
  const check = checkEvidence(olr.evidence, evidenceCounts(evidence));
  return {
    cycleId: cycle.id,
    person,
    performance: row?.performance ?? null,
    potential: row?.potential ?? null,
    principles: row?.principles ?? {},
    justification: row?.justification ?? '',
    evidence,
    ov: rated ? lookupOv(olr, row.performance!, row.potential!) : null,
    forteSummary: rated ? forteSummaryOf(olr, row.performance!) : null,
    evidenceCheck: { covered: check.present, required: check.required, met: check.met },
    status: row?.status ?? ('not_started' as const),
    version: row?.version ?? 0,
    locked,
  };
}

/** The rule problems of a proposal against the cycle's policy; a submission must be complete. */
export function proposalProblems(olr: OlrPolicy, principles: readonly string[], input: ProposalInput, submit: boolean, logNotesFound: number): FieldProblem[] {
  const problems: FieldProblem[] = scaleProblems(olr, input);
  const lpLevels = olr.scales.leadershipPrinciples.levels.length;
  for (const [principle, value] of Object.entries(input.principles)) {
    if (!principles.includes(principle)) problems.push({ path: `body.principles.${principle}`, message: `${JSON.stringify(principle)} is not a Leadership Principle of this cycle's policy` });
    else if (!Number.isInteger(value) || value < 1 || value > lpLevels) problems.push({ path: `body.principles.${principle}`, message: `${value} is not on the Leadership Principles scale (1 to ${lpLevels})` });
  }
  const dimensions = olr.evidence.dimensions.map((d) => d.key);
  for (const key of Object.keys(input.evidence.byDimension)) {
    if (!dimensions.includes(key)) problems.push({ path: `body.evidence.byDimension.${key}`, message: `${key} is not an evidence dimension of this policy (${dimensions.join(', ')})` });
  }
  if (logNotesFound !== new Set(input.evidence.logNoteIds).size) problems.push({ path: 'body.evidence.logNoteIds', message: 'cites a continuous-log note that is not about this person' });
  if (submit) {
    if (input.performance === null) problems.push({ path: 'body.performance', message: 'is required to submit' });
    if (input.potential === null) problems.push({ path: 'body.potential', message: 'is required to submit' });
    if (input.justification.length < 20) problems.push({ path: 'body.justification', message: 'needs a short justification (at least 20 characters) to submit' });
  }
  return problems;
}

async function loadSubject(db: Kysely<DB>, actor: Actor, cycleId: number, personId: number, write: boolean) {
  const cycle = await loadCycle(db, cycleId);
  const participant = await findParticipant(db, cycle.id, personId);
  const chain = participant !== null && isAboveInChain(actor, participant.path);
  const hr = participant !== null && hrCovers(actor, participant.path);
  if (!participant || !(chain || (!write && hr))) {
    throw new AppError('NOT_FOUND', { detail: `No rating proposal you can ${write ? 'write' : 'read'} for person ${personId}.` });
  }
  const person = await db.selectFrom('people').select(['id', 'name', 'title', 'level']).where('id', '=', personId).executeTakeFirstOrThrow();
  return { cycle, olr: olrOf(cycle), person };
}

const selectProposal = (db: Kysely<DB>, cycleId: number, personId: number) =>
  db
    .selectFrom('rating_proposals')
    .select(['id', 'performance', 'potential', 'principles', 'justification', 'evidence', 'status', 'version'])
    .where('cycle_id', '=', cycleId)
    .where('person_id', '=', personId)
    .executeTakeFirst();

async function isInCalibration(db: Kysely<DB>, cycleId: number, personId: number): Promise<boolean> {
  const row = await db.selectFrom('calibrated_ratings').select('id').where('cycle_id', '=', cycleId).where('person_id', '=', personId).executeTakeFirst();
  return row !== undefined;
}

/** A proposal for one person: the management chain reads and writes it, HR in scope reads it. */
export async function getProposal(db: Kysely<DB>, options: { actor: Actor; cycleId: number; personId: number; now: Date }) {
  const { cycle, olr, person } = await loadSubject(db, options.actor, options.cycleId, options.personId, false);
  const row = await selectProposal(db, cycle.id, person.id);
  return present(cycle, olr, person, row, await isInCalibration(db, cycle.id, person.id), row ? undefined : await startingEvidence(db, cycle, person.id, options.now));
}

/**
 * A proposal not yet started begins from the person's living document over the last year (goals,
 * shipped work, log notes, check-ins, feedback themes), which the manager then edits: evidence
 * written at the time, not remembered at the end. Nothing is stored until the manager saves.
 */
async function startingEvidence(db: Kysely<DB>, cycle: LoadedCycle, personId: number, now: Date): Promise<ProposalEvidence> {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - 365 * 86_400_000).toISOString().slice(0, 10);
  try {
    return await assembleEvidencePacket(db, { personId, from, to, ...(cycle.policy.growth ? { policy: cycle.policy } : {}) });
  } catch (error) {
    // A policy without the growth section has no living document to start from.
    if (error instanceof AppError) return EMPTY_EVIDENCE;
    throw error;
  }
}

/**
 * Saves or submits a manager's proposal on the three axes, with justification and evidence. A
 * proposal locks once its person is in a calibration session: from then on ratings move only
 * through calibration, with a rationale.
 */
export async function saveProposal(
  db: Kysely<DB>,
  options: { actor: Actor; cycleId: number; personId: number; input: ProposalInput; version?: number; submit: boolean; now: Date; requestId?: string },
) {
  const { cycle, olr, person } = await loadSubject(db, options.actor, options.cycleId, options.personId, true);
  assertActionOpen(cycle, 'proposeRating', options.now);
  const noteIds = [...new Set(options.input.evidence.logNoteIds)];
  const notes = noteIds.length
    ? await db.selectFrom('feedback_log').select('id').where('id', 'in', noteIds).where('person_id', '=', person.id).execute()
    : [];
  const problems = proposalProblems(olr, cycle.policy.leadershipPrinciples, options.input, options.submit, notes.length);
  if (problems.length) {
    throw new AppError('CALIBRATION_RULE_VIOLATED', { detail: problems.map((p) => `${p.path} ${p.message}`).join('; '), errors: problems, extra: { rule: 'PROPOSAL_INVALID' } });
  }
  return db.transaction().execute(async (trx) => {
    const inCalibration = await isInCalibration(trx, cycle.id, person.id);
    const current = await trx
      .selectFrom('rating_proposals')
      .select(['id', 'performance', 'potential', 'principles', 'justification', 'evidence', 'status', 'version'])
      .where('cycle_id', '=', cycle.id)
      .where('person_id', '=', person.id)
      .forUpdate()
      .executeTakeFirst();
    // Once calibration has taken the person, the ratings move only there, with a rationale; the
    // manager may still add evidence and justification, which calibration sees at once (a rating
    // found thin on evidence in the room can be completed, not just refused).
    if (inCalibration && (!current || current.performance !== options.input.performance || current.potential !== options.input.potential || JSON.stringify(current.principles) !== JSON.stringify(options.input.principles))) {
      throw new AppError('CONFLICT', { detail: `${person.name} is already in calibration; ratings now change there, with a rationale. Evidence and justification can still be added.`, extra: { rule: 'PROPOSAL_LOCKED' } });
    }
    // A submitted proposal can still be revised until calibration takes it, so only the version guards it.
    assertVersion(current ? { ...current, status: 'draft' } : undefined, options.version, current ? present(cycle, olr, person, current, inCalibration) : undefined);
    const values = {
      performance: options.input.performance,
      potential: options.input.potential,
      principles: JSON.stringify(options.input.principles),
      justification: options.input.justification,
      evidence: JSON.stringify(options.input.evidence),
      status: options.submit ? ('submitted' as const) : (current?.status ?? ('draft' as const)),
      updated_at: options.now,
      ...(options.submit ? { submitted_at: options.now } : {}),
    };
    if (current) await trx.updateTable('rating_proposals').set({ ...values, version: current.version + 1 }).where('id', '=', current.id).execute();
    else await trx.insertInto('rating_proposals').values({ ...values, cycle_id: cycle.id, person_id: person.id, author_id: options.actor.personId! }).execute();
    if (inCalibration) {
      const covered = checkEvidence(olr.evidence, evidenceCounts(options.input.evidence)).present;
      await trx.updateTable('calibrated_ratings').set({ evidence_dimensions: JSON.stringify(covered), updated_at: options.now }).where('cycle_id', '=', cycle.id).where('person_id', '=', person.id).execute();
    }
    // Every change to a proposal calibration can see is on the record: its submission, and any
    // revision after it (the first draft saves are the manager's own working notes).
    if (options.submit || current?.status === 'submitted') {
      await appendAuditEvent(trx, {
        actorAccountId: options.actor.accountId,
        action: options.submit && current?.status !== 'submitted' ? 'rating.proposed' : 'rating.proposal_revised',
        subjectType: 'person',
        subjectId: person.id,
        requestId: options.requestId,
        details: { cycleId: cycle.id, performance: options.input.performance, potential: options.input.potential, ov: options.input.performance !== null && options.input.potential !== null ? lookupOv(olr, options.input.performance, options.input.potential) : null },
        at: options.now,
      });
    }
    return present(cycle, olr, person, await selectProposal(trx, cycle.id, person.id), inCalibration);
  });
}

/** The proposals of a manager's direct reports in a cycle, with the scales and evidence dimensions to fill them in. */
export async function listTeamProposals(db: Kysely<DB>, options: { actor: Actor; cycleId: number; now: Date }) {
  const cycle = await loadCycle(db, options.cycleId);
  const olr = olrOf(cycle);
  if (options.actor.personId === null) throw new AppError('FORBIDDEN', { detail: 'Only managers propose ratings.' });
  await assertTakesPartOrManagesIn(db, options.actor, cycle.id);
  const rows = await db
    .selectFrom('cycle_participants as cp')
    .innerJoin('people as p', 'p.id', 'cp.person_id')
    .leftJoin('rating_proposals as rp', (j) => j.onRef('rp.cycle_id', '=', 'cp.cycle_id').onRef('rp.person_id', '=', 'cp.person_id'))
    .leftJoin('calibrated_ratings as cr', (j) => j.onRef('cr.cycle_id', '=', 'cp.cycle_id').onRef('cr.person_id', '=', 'cp.person_id'))
    .select(['p.id', 'p.name', 'p.title', 'p.level', 'rp.performance', 'rp.potential', 'rp.principles', 'rp.justification', 'rp.evidence', 'rp.status', 'rp.version', 'cr.id as calibrated_id'])
    .where('cp.cycle_id', '=', cycle.id)
    .where('p.manager_id', '=', options.actor.personId)
    .orderBy('p.name')
    .execute();
  const scale = (s: OlrPolicy['scales']['performance']) => s.levels.map((l) => ({ value: l.value, label: l.label, description: l.description }));
  return {
    cycleId: cycle.id,
    scales: { performance: scale(olr.scales.performance), potential: scale(olr.scales.potential), leadershipPrinciples: scale(olr.scales.leadershipPrinciples) },
    principles: cycle.policy.leadershipPrinciples,
    evidenceDimensions: olr.evidence.dimensions,
    proposals: await Promise.all(
      rows.map(async (r) =>
        present(
          cycle,
          olr,
          { id: r.id, name: r.name, title: r.title, level: r.level },
          r.status === null ? undefined : { performance: r.performance, potential: r.potential, principles: r.principles ?? {}, justification: r.justification ?? '', evidence: r.evidence ?? EMPTY_EVIDENCE, status: r.status, version: r.version ?? 0 },
          r.calibrated_id !== null,
          r.status === null ? await startingEvidence(db, cycle, r.id, options.now) : undefined,
        ),
      ),
    ),
  };
}
