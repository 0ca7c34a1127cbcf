import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { loadCycle } from '../cycles/cycle-loader.ts';
import { requireSelfParticipant } from '../cycles/participants.ts';
import { hrCovers, isAboveInChain } from '../cycles/cycles.access.ts';
import { latestPolicyVersion } from '../policy/policy.service.ts';
import type { OlrPolicy, OvRating } from '../policy/olr.schema.ts';
import { forteSummaryOf, lookupOv } from './ov-matrix.rules.ts';
import { groupDistribution } from './board.rules.ts';
import { olrOf } from './olr-cycle.ts';
import { authorizeReadSession, authorizeRunSession, loadSession } from './calibration.access.ts';
import { csvCell } from '../shared/csv-cells.ts';

/**
 * What a person reads about their own rating once it is delivered: exactly the parts the cycle's
 * policy shows employees (amazon: the Forte summary only; humane: the rating, the rubric, the
 * matrix, the evidence cited, the calibration moves and the policy version). Fields the policy
 * withholds are null, so they are absent from the response, not just hidden by the page.
 */
export async function myRating(db: Kysely<DB>, options: { actor: Actor; cycleId: number }) {
  const cycle = await loadCycle(db, options.cycleId);
  const me = await requireSelfParticipant(db, cycle.id, options.actor);
  const olr = olrOf(cycle);
  const sees = olr.delivery.employeeSees;
  const row = await db
    .selectFrom('calibrated_ratings as cr')
    .innerJoin('calibration_sessions as s', 's.id', 'cr.session_id')
    .leftJoin('rating_proposals as rp', (j) => j.onRef('rp.cycle_id', '=', 'cr.cycle_id').onRef('rp.person_id', '=', 'cr.person_id'))
    .select(['cr.performance', 'cr.potential', 'cr.ov', 'cr.forte_summary', 'cr.session_id', 's.status', 'rp.evidence'])
    .where('cr.cycle_id', '=', cycle.id)
    .where('cr.person_id', '=', me.personId)
    .executeTakeFirst();
  const base = { cycle: { id: cycle.id, name: cycle.name }, canRequestReview: olr.delivery.canRequestReview };
  if (!row || row.status !== 'delivered') {
    return { ...base, delivered: false, forteSummary: null, ov: null, performance: null, potential: null, rubric: null, matrix: null, evidence: null, moves: null, policyVersion: null };
  }
  const level = (axis: 'performance' | 'potential', value: number) => ({ value, label: olr.scales[axis].levels[value - 1]?.label ?? String(value) });
  const moves = sees.calibrationMoves
    ? await db
        .selectFrom('rating_changes')
        .select(['from_ov', 'to_ov', 'rationale', 'evidence_to_change_mind', 'at'])
        .where('session_id', '=', row.session_id)
        .where('person_id', '=', me.personId)
        .orderBy('at')
        .execute()
    : null;
  return {
    ...base,
    delivered: true,
    forteSummary: sees.forteSummary ? row.forte_summary : null,
    ov: sees.ovRating ? row.ov : null,
    performance: sees.axisRatings ? level('performance', row.performance) : null,
    potential: sees.axisRatings ? level('potential', row.potential) : null,
    rubric: sees.rubric ? rubricOf(olr) : null,
    matrix: sees.matrix ? olr.ovMatrix : null,
    evidence: sees.evidence ? (row.evidence ?? null) : null,
    moves: moves?.map((m) => ({ from: m.from_ov, to: m.to_ov, rationale: m.rationale, evidenceToChangeMind: m.evidence_to_change_mind, at: m.at.toISOString() })) ?? null,
    policyVersion: sees.policyVersion ? { key: cycle.policyKey, version: cycle.policyVersion } : null,
  };
}

function rubricOf(olr: OlrPolicy) {
  const levels = (axis: keyof OlrPolicy['scales']) => olr.scales[axis].levels.map((l) => ({ value: l.value, label: l.label, description: l.description }));
  return [
    { axis: 'performance', levels: levels('performance') },
    { axis: 'potential', levels: levels('potential') },
    { axis: 'leadershipPrinciples', levels: levels('leadershipPrinciples') },
  ];
}

/**
 * A person's ratings across cycles and every calibration change to them, with who, when, from,
 * to and why: for HR in scope and the management chain, never for the person's peers.
 */
export async function ratingHistory(db: Kysely<DB>, options: { actor: Actor; personId: number }) {
  const person = await db.selectFrom('people').select(['id', 'name', 'path']).where('id', '=', options.personId).executeTakeFirst();
  if (!person || !(hrCovers(options.actor, person.path) || isAboveInChain(options.actor, person.path))) {
    throw new AppError('NOT_FOUND', { detail: `No rating history you can read for person ${options.personId}.` });
  }
  const ratings = await db
    .selectFrom('calibrated_ratings as cr')
    .innerJoin('review_cycles as c', 'c.id', 'cr.cycle_id')
    .innerJoin('calibration_sessions as s', 's.id', 'cr.session_id')
    .select(['c.id', 'c.name', 'cr.ov', 'cr.forte_summary', 'cr.performance', 'cr.potential', 's.status'])
    .where('cr.person_id', '=', person.id)
    .orderBy('c.id', 'desc')
    .execute();
  const changes = await db
    .selectFrom('rating_changes as rc')
    .innerJoin('calibration_sessions as s', 's.id', 'rc.session_id')
    .innerJoin('review_cycles as c', 'c.id', 's.cycle_id')
    .innerJoin('accounts as a', 'a.id', 'rc.changed_by')
    .select(['c.id as cycle_id', 'c.name as cycle_name', 'rc.at', 'a.name as by', 'rc.from_performance', 'rc.from_potential', 'rc.from_ov', 'rc.to_performance', 'rc.to_potential', 'rc.to_ov', 'rc.rationale', 'rc.evidence_to_change_mind'])
    .where('rc.person_id', '=', person.id)
    .orderBy('rc.at', 'desc')
    .orderBy('rc.id', 'desc')
    .execute();
  return {
    person: { id: person.id, name: person.name },
    ratings: ratings.map((r) => ({ cycle: { id: r.id, name: r.name }, ov: r.ov, forteSummary: r.forte_summary, performance: r.performance, potential: r.potential, final: r.status !== 'open' })),
    changes: changes.map((c) => ({
      cycle: { id: c.cycle_id, name: c.cycle_name },
      at: c.at.toISOString(),
      by: c.by,
      from: { performance: c.from_performance, potential: c.from_potential, ov: c.from_ov },
      to: { performance: c.to_performance, potential: c.to_potential, ov: c.to_ov },
      rationale: c.rationale,
      evidenceToChangeMind: c.evidence_to_change_mind,
    })),
  };
}

/** The session as CSV for HR: original against calibrated rating, with the last change's who, when and why. */
export async function exportSessionCsv(db: Kysely<DB>, options: { actor: Actor; sessionId: number }): Promise<string> {
  const session = await loadSession(db, options.sessionId);
  authorizeRunSession(options.actor, session);
  const rows = await db
    .selectFrom('calibrated_ratings as cr')
    .innerJoin('people as p', 'p.id', 'cr.person_id')
    .leftJoin('people as m', 'm.id', 'cr.manager_id')
    .select(['p.employee_id', 'p.name', 'p.level', 'm.name as manager', 'cr.person_id', 'cr.proposed_performance', 'cr.proposed_potential', 'cr.proposed_ov', 'cr.performance', 'cr.potential', 'cr.ov', 'cr.forte_summary'])
    .where('cr.session_id', '=', session.id)
    .orderBy('p.name')
    .execute();
  const changes = await db
    .selectFrom('rating_changes as rc')
    .innerJoin('accounts as a', 'a.id', 'rc.changed_by')
    .select(['rc.person_id', 'a.name', 'rc.at', 'rc.rationale'])
    .where('rc.session_id', '=', session.id)
    .orderBy('rc.at')
    .orderBy('rc.id')
    .execute();
  const last = new Map<number, { name: string; at: Date; rationale: string; count: number }>();
  for (const c of changes) last.set(c.person_id, { name: c.name, at: c.at, rationale: c.rationale, count: (last.get(c.person_id)?.count ?? 0) + 1 });
  const header = ['employee_id', 'name', 'level', 'manager', 'proposed_performance', 'proposed_potential', 'proposed_ov', 'performance', 'potential', 'ov', 'forte_summary', 'changes', 'last_changed_by', 'last_changed_at', 'last_rationale'];
  const lines = [header.join(',')];
  for (const r of rows) {
    const change = last.get(r.person_id);
    lines.push(
      [r.employee_id, r.name, r.level, r.manager, r.proposed_performance, r.proposed_potential, r.proposed_ov, r.performance, r.potential, r.ov, r.forte_summary, change?.count ?? 0, change?.name ?? null, change?.at.toISOString() ?? null, change?.rationale ?? null]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The same proposals through another policy: each person's OV and Forte summary under the
 * session's policy and under the other, and both distributions against their own targets. This
 * is how a leadership team sees what a forced distribution would change before adopting it.
 */
export async function comparePolicies(db: Kysely<DB>, options: { actor: Actor; sessionId: number; otherPolicy: string }) {
  const session = await loadSession(db, options.sessionId);
  authorizeReadSession(options.actor, session);
  const other = await latestPolicyVersion(db, options.otherPolicy);
  if (!other.policy.olr) throw new AppError('VALIDATION_FAILED', { detail: `The policy ${options.otherPolicy} has no ratings to compare with.`, errors: [{ path: 'querystring.policy', message: 'has no OLR part' }] });
  const olrs: OlrPolicy[] = [session.olr, other.policy.olr];
  const rows = await db
    .selectFrom('calibrated_ratings as cr')
    .innerJoin('people as p', 'p.id', 'cr.person_id')
    .select(['cr.person_id', 'p.name', 'cr.proposed_performance', 'cr.proposed_potential'])
    .where('cr.session_id', '=', session.id)
    .where('cr.person_id', '!=', options.actor.personId ?? -1)
    .orderBy('p.name')
    .execute();
  const people = rows.map((r) => {
    const ov = olrs.map((olr) => lookupOv(olr, r.proposed_performance, r.proposed_potential)) as OvRating[];
    const forteSummary = olrs.map((olr) => forteSummaryOf(olr, r.proposed_performance));
    return { person: { id: r.person_id, name: session.blind ? null : r.name }, ov, forteSummary, differs: ov[0] !== ov[1] || forteSummary[0] !== forteSummary[1] };
  });
  return {
    policies: [
      { key: session.cycle.policyKey, version: session.cycle.policyVersion, mode: session.olr.distribution.mode },
      { key: options.otherPolicy, version: other.version, mode: other.policy.olr.distribution.mode },
    ],
    people,
    distributions: olrs.map((olr, i) => groupDistribution(olr, people.map((p) => p.ov[i]!))),
    differences: people.filter((p) => p.differs).length,
  };
}
