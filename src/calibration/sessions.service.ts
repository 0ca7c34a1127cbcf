import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { loadCycle } from '../cycles/cycle-loader.ts';
import { notify } from '../cycles/notifications.service.ts';
import type { OvRating } from '../policy/olr.schema.ts';
import { checkEvidence } from './evidence.rules.ts';
import { checkDistribution, describeViolation } from './distribution.rules.ts';
import { moveInSessionCounts, recountSession } from './distribution-counts.repository.ts';
import { forteSummaryOf, lookupOv } from './ov-matrix.rules.ts';
import { checkRoleModelCaps } from './role-model.rules.ts';
import { adjustmentProblems } from './adjustment.rules.ts';
import { groupDistribution } from './board.rules.ts';
import { olrOf, scaleProblems } from './olr-cycle.ts';
import { concernsRaisedBetween } from '../growth/concerns.service.ts';
import { evidenceCounts } from './proposals.service.ts';
import { assertSessionOpen, authorizeReadSession, authorizeRunSession, isCalibrator, loadSession, loadSessionRoot, runsSession, type LoadedSession } from './calibration.access.ts';

export function presentSession(session: LoadedSession) {
  return {
    id: session.id,
    name: session.name,
    cycle: { id: session.cycle.id, name: session.cycle.name },
    root: { id: session.root.id, name: session.root.name },
    status: session.status,
    blind: session.blind,
    policy: {
      key: session.cycle.policyKey,
      version: session.cycle.policyVersion,
      mode: session.olr.distribution.mode,
      evidence: session.olr.evidence.enforcement,
      requireEvidenceToChangeMind: session.olr.adjustments.requireEvidenceToChangeMind,
      noSurprises: session.olr.adjustments.noSurprises,
      quorum: { ratings: session.olr.quorum.ratings, minimumCalibrators: session.olr.quorum.minimumCalibrators },
    },
    calibrators: session.calibrators.map((c) => ({ accountId: c.accountId, name: c.name, personId: c.personId })),
  };
}

/**
 * Opens a calibration session for an organisation subtree of a cycle: everyone in it with a
 * submitted proposal joins the roster at the proposed rating. Each person is calibrated in one
 * session per cycle.
 */
export async function createSession(
  db: Kysely<DB>,
  options: { actor: Actor; input: { cycleId: number; rootPersonId: number; name: string; calibratorAccountIds: number[]; blind?: boolean }; now: Date; requestId?: string },
) {
  const { input } = options;
  const cycle = await loadCycle(db, input.cycleId);
  const olr = olrOf(cycle);
  const root = await loadSessionRoot(db, { actor: options.actor, cycle, rootPersonId: input.rootPersonId, field: 'body.rootPersonId' });
  const calibratorIds = [...new Set(input.calibratorAccountIds)];
  const accounts = await db.selectFrom('accounts').select('id').where('id', 'in', calibratorIds).where('disabled_at', 'is', null).execute();
  const unknown = calibratorIds.filter((id) => !accounts.some((a) => a.id === id));
  if (unknown.length) {
    throw new AppError('VALIDATION_FAILED', { detail: `No active account ${unknown.join(', ')}.`, errors: [{ path: 'body.calibratorAccountIds', message: `no active account ${unknown.join(', ')}` }] });
  }
  return db.transaction().execute(async (trx) => {
    const session = await trx
      .insertInto('calibration_sessions')
      .values({ cycle_id: cycle.id, root_person_id: root.id, name: input.name, blind: input.blind ?? olr.adjustments.blindFirstPassByDefault, created_by: options.actor.accountId, created_at: options.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('calibration_calibrators').values(calibratorIds.map((account_id) => ({ session_id: session.id, account_id }))).execute();
    const added = await addSubmittedProposals(trx, { sessionId: session.id, cycleId: cycle.id, rootPath: root.path, now: options.now });
    await appendAuditEvent(trx, {
      actorAccountId: options.actor.accountId,
      action: 'calibration.session_created',
      subjectType: 'calibration_session',
      subjectId: session.id,
      requestId: options.requestId,
      details: { cycleId: cycle.id, rootPersonId: root.id, calibrators: calibratorIds, people: added },
      at: options.now,
    });
    return presentSession(await loadSession(trx, session.id));
  });
}

// Copies submitted proposals not yet in any session of the cycle into this one, computing OV and
// the Forte summary under the cycle's policy. Returns how many people joined.
async function addSubmittedProposals(db: Kysely<DB>, options: { sessionId: number; cycleId: number; rootPath: string; now: Date }): Promise<number> {
  const cycle = await loadCycle(db, options.cycleId);
  const olr = olrOf(cycle);
  const proposals = await db
    .selectFrom('rating_proposals as rp')
    .innerJoin('cycle_participants as cp', (j) => j.onRef('cp.cycle_id', '=', 'rp.cycle_id').onRef('cp.person_id', '=', 'rp.person_id'))
    .innerJoin('people as p', 'p.id', 'rp.person_id')
    .select(['rp.person_id', 'rp.performance', 'rp.potential', 'rp.evidence', 'p.manager_id'])
    .where('rp.cycle_id', '=', options.cycleId)
    .where('rp.status', '=', 'submitted')
    .where('p.path', 'like', `${options.rootPath}%`)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('calibrated_ratings as cr').select('cr.id').whereRef('cr.cycle_id', '=', 'rp.cycle_id').whereRef('cr.person_id', '=', 'rp.person_id'))))
    .execute();
  const rows = proposals
    .filter((p) => p.performance !== null && p.potential !== null && scaleProblems(olr, p).length === 0)
    .map((p) => {
      const ov = lookupOv(olr, p.performance!, p.potential!);
      return {
        session_id: options.sessionId,
        cycle_id: options.cycleId,
        person_id: p.person_id,
        manager_id: p.manager_id,
        proposed_performance: p.performance!,
        proposed_potential: p.potential!,
        proposed_ov: ov,
        performance: p.performance!,
        potential: p.potential!,
        ov,
        forte_summary: forteSummaryOf(olr, p.performance!),
        evidence_dimensions: JSON.stringify(checkEvidence(olr.evidence, evidenceCounts(p.evidence)).present),
        updated_at: options.now,
      };
    });
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('calibrated_ratings').values(rows.slice(i, i + 1000)).execute();
  if (rows.length) await recountSession(db, options.sessionId);
  return rows.length;
}

/** Brings proposals submitted since the session opened into it. */
export async function syncSession(db: Kysely<DB>, options: { actor: Actor; sessionId: number; now: Date; requestId?: string }) {
  const session = await loadSession(db, options.sessionId);
  authorizeRunSession(options.actor, session);
  assertSessionOpen(session);
  return db.transaction().execute(async (trx) => {
    const added = await addSubmittedProposals(trx, { sessionId: session.id, cycleId: session.cycle.id, rootPath: session.root.path, now: options.now });
    if (added) {
      await appendAuditEvent(trx, { actorAccountId: options.actor.accountId, action: 'calibration.session_synced', subjectType: 'calibration_session', subjectId: session.id, requestId: options.requestId, details: { people: added }, at: options.now });
    }
    return { added };
  });
}

/** Ends the blind first pass: names and managers become visible to the room. */
export async function revealSession(db: Kysely<DB>, options: { actor: Actor; sessionId: number; now: Date; requestId?: string }) {
  const session = await loadSession(db, options.sessionId);
  authorizeRunSession(options.actor, session);
  assertSessionOpen(session);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('calibration_sessions').set({ blind: false, version: sql`version + 1` }).where('id', '=', session.id).execute();
    await appendAuditEvent(trx, { actorAccountId: options.actor.accountId, action: 'calibration.revealed', subjectType: 'calibration_session', subjectId: session.id, requestId: options.requestId, at: options.now });
  });
  return presentSession(await loadSession(db, session.id));
}

/** Sessions the actor calibrates or runs, optionally for one cycle. */
export async function listSessions(db: Kysely<DB>, options: { actor: Actor; cycleId?: number }) {
  let query = db.selectFrom('calibration_sessions').select('id').orderBy('id');
  if (options.cycleId !== undefined) query = query.where('cycle_id', '=', options.cycleId);
  const ids = await query.execute();
  const sessions: LoadedSession[] = [];
  for (const { id } of ids) {
    const session = await loadSession(db, id).catch((error: unknown) => (error instanceof AppError && error.code === 'CONFLICT' ? null : Promise.reject(error)));
    if (session && (isCalibrator(options.actor, session) || runsSession(options.actor, session))) sessions.push(session);
  }
  return { sessions: sessions.map(presentSession) };
}

/** A calibrator's vote before the meeting; the session opens with the tally. */
export async function castVote(db: Kysely<DB>, options: { actor: Actor; sessionId: number; personId: number; vote: 'agree' | 'questions' | 'abstain'; now: Date }) {
  const session = await loadSession(db, options.sessionId);
  authorizeReadSession(options.actor, session);
  if (!isCalibrator(options.actor, session)) throw new AppError('FORBIDDEN', { detail: 'Only the calibrators of this session vote.' });
  assertSessionOpen(session);
  const row = await db.selectFrom('calibrated_ratings').select(['person_id', 'manager_id']).where('session_id', '=', session.id).where('person_id', '=', options.personId).executeTakeFirst();
  if (!row || row.person_id === options.actor.personId) throw new AppError('NOT_FOUND', { detail: `Person ${options.personId} is not on this session’s roster for you.` });
  await db
    .insertInto('calibration_votes')
    .values({ session_id: session.id, person_id: row.person_id, account_id: options.actor.accountId, vote: options.vote, at: options.now })
    .onConflict((oc) => oc.columns(['session_id', 'person_id', 'account_id']).doUpdateSet({ vote: options.vote, at: options.now }))
    .execute();
  return { personId: row.person_id, vote: options.vote };
}

/** Calibrators who may decide about a person: not the person, not their manager (the advocate). */
export function eligibleCalibratorsFor(session: LoadedSession, person: { personId: number; managerId: number | null }): number[] {
  return session.calibrators.filter((c) => c.personId === null || (c.personId !== person.personId && c.personId !== person.managerId)).map((c) => c.accountId);
}

/**
 * Moves one person's rating in an open session. Every rule of the policy is checked first (scale,
 * rationale, "what would change your mind", quorum, no surprises), and the rating, its change
 * record and the audit entry are written in one transaction, so none exists without the others.
 * Returns the new rating and the session's distribution after it.
 */
export async function adjustRating(
  db: Kysely<DB>,
  options: {
    actor: Actor;
    sessionId: number;
    input: { personId: number; performance: number; potential: number; rationale: string; evidenceToChangeMind?: string; approvedBy?: number[]; version: number };
    now: Date;
    requestId?: string;
  },
) {
  const { input } = options;
  const session = await loadSession(db, options.sessionId);
  authorizeReadSession(options.actor, session);
  if (!isCalibrator(options.actor, session) && !runsSession(options.actor, session)) throw new AppError('FORBIDDEN', { detail: 'Only calibrators and HR move ratings.' });
  assertSessionOpen(session);
  const { olr } = session;
  const scale = scaleProblems(olr, input);
  if (scale.length) throw new AppError('CALIBRATION_RULE_VIOLATED', { detail: scale.map((p) => `${p.path} ${p.message}`).join('; '), errors: scale, extra: { rule: 'OFF_SCALE' } });

  return db.transaction().execute(async (trx) => {
    // Checked again under a share lock: finalising waits for this move to commit, and a move
    // that starts after finalising committed sees it (found by test/concurrency-calibration).
    const locked = await trx.selectFrom('calibration_sessions').select('status').where('id', '=', session.id).forShare().executeTakeFirstOrThrow();
    assertSessionOpen({ ...session, status: locked.status });
    const current = await trx
      .selectFrom('calibrated_ratings')
      .select(['id', 'person_id', 'manager_id', 'performance', 'potential', 'ov', 'version'])
      .where('session_id', '=', session.id)
      .where('person_id', '=', input.personId)
      .forUpdate()
      .executeTakeFirst();
    if (!current || current.person_id === options.actor.personId) throw new AppError('NOT_FOUND', { detail: `Person ${input.personId} is not on this session’s roster for you.` });
    if (current.version !== input.version) {
      throw new AppError('VERSION_CONFLICT', {
        detail: 'Someone moved this rating since you loaded it; look at the new rating and decide again.',
        extra: { rule: 'VERSION_CONFLICT', version: current.version, latest: { performance: current.performance, potential: current.potential, ov: current.ov } },
      });
    }
    const to = { performance: input.performance, potential: input.potential, ov: lookupOv(olr, input.performance, input.potential) };
    // No surprises: a dated log note or a check-in that raised the concern, since the cycle began.
    const concern = olr.adjustments.noSurprises ? (await concernsRaisedBetween(trx, current.person_id, session.cycle.launchedAt ?? new Date(0), options.now)).length > 0 : true;
    const problems = adjustmentProblems(olr, {
      from: { performance: current.performance, potential: current.potential, ov: current.ov },
      to,
      rationale: input.rationale,
      evidenceToChangeMind: input.evidenceToChangeMind,
      approvedBy: input.approvedBy ?? [],
      eligibleCalibrators: eligibleCalibratorsFor(session, { personId: current.person_id, managerId: current.manager_id }),
      concernRecordedEarlier: concern,
    });
    if (problems.length) {
      throw new AppError('CALIBRATION_RULE_VIOLATED', {
        detail: problems.map((p) => `${p.path} ${p.message}`).join('; '),
        errors: problems.map(({ path, message }) => ({ path, message })),
        extra: { rule: problems[0]!.rule, rules: problems.map((p) => p.rule) },
      });
    }
    await trx
      .updateTable('calibrated_ratings')
      .set({ performance: to.performance, potential: to.potential, ov: to.ov, forte_summary: forteSummaryOf(olr, to.performance), version: current.version + 1, updated_at: options.now })
      .where('id', '=', current.id)
      .execute();
    await trx
      .insertInto('rating_changes')
      .values({
        session_id: session.id,
        person_id: current.person_id,
        from_performance: current.performance,
        from_potential: current.potential,
        from_ov: current.ov,
        to_performance: to.performance,
        to_potential: to.potential,
        to_ov: to.ov,
        rationale: input.rationale.trim(),
        evidence_to_change_mind: input.evidenceToChangeMind?.trim() || null,
        approved_by: JSON.stringify([...new Set(input.approvedBy ?? [])]),
        changed_by: options.actor.accountId,
        at: options.now,
      })
      .execute();
    await appendAuditEvent(trx, {
      actorAccountId: options.actor.accountId,
      action: 'rating.changed',
      subjectType: 'person',
      subjectId: current.person_id,
      requestId: options.requestId,
      details: { sessionId: session.id, from: { performance: current.performance, potential: current.potential, ov: current.ov }, to, rationale: input.rationale.trim(), approvedBy: input.approvedBy ?? [] },
      at: options.now,
    });
    return {
      personId: current.person_id,
      current: { ...to, forteSummary: forteSummaryOf(olr, to.performance) },
      version: current.version + 1,
      distribution: await distributionAfterMove(trx, session, { from: current.ov, to: to.ov }),
    };
  });
}

// The distribution after a move, from counts kept with every write rather than a count of the
// whole session: on a board of thousands a move costs one small statement.
async function distributionAfterMove(db: Kysely<DB>, session: LoadedSession, move: { from: OvRating; to: OvRating }) {
  const counts = await moveInSessionCounts(db, { sessionId: session.id, ...move });
  return { counts, ...checkDistribution(session.olr.distribution, counts) };
}

/**
 * Locks the session's ratings. Forced mode refuses while the distribution violates its targets
 * (saying which rating is over or under by how many people); a blocking evidence threshold
 * refuses while a rating lacks evidence; Role Model counts over their cap refuse. In guideline
 * mode the same findings come back as warnings.
 */
export async function finaliseSession(db: Kysely<DB>, options: { actor: Actor; sessionId: number; now: Date; requestId?: string }) {
  const session = await loadSession(db, options.sessionId);
  authorizeRunSession(options.actor, session);
  assertSessionOpen(session);
  const { olr } = session;
  const rows = await db
    .selectFrom('calibrated_ratings as cr')
    .innerJoin('people as p', 'p.id', 'cr.person_id')
    .leftJoin('rating_proposals as rp', (j) => j.onRef('rp.cycle_id', '=', 'cr.cycle_id').onRef('rp.person_id', '=', 'cr.person_id'))
    .select(['cr.person_id', 'p.name', 'cr.ov', 'cr.evidence_dimensions', 'rp.principles'])
    .where('cr.session_id', '=', session.id)
    .execute();
  const distribution = groupDistribution(olr, rows.map((r) => r.ov));
  const distributionFindings = distribution.violations.map(describeViolation);
  const thin = rows.filter((r) => r.evidence_dimensions.length < olr.evidence.minimumDimensions);
  const evidenceFindings = olr.evidence.enforcement === 'off' || !thin.length ? [] : [`${thin.length} rating${thin.length > 1 ? 's lack' : ' lacks'} evidence in ${olr.evidence.minimumDimensions} dimensions: ${thin.slice(0, 10).map((r) => r.name).join(', ')}${thin.length > 10 ? ', …' : ''}`];
  const roleModels: Record<string, number> = {};
  for (const r of rows) for (const [principle, grade] of Object.entries(r.principles ?? {})) if (grade === olr.roleModel.level) roleModels[principle] = (roleModels[principle] ?? 0) + 1;
  const roleModelFindings = checkRoleModelCaps(olr, { groupSize: rows.length, roleModelsByPrinciple: roleModels }).map((e) => `Role Model in ${e.principle}: ${e.count} people, at most ${e.allowed} allowed (${e.count - e.allowed} over)`);

  const blocking = [
    ...(olr.distribution.mode === 'forced' ? distributionFindings : []),
    ...(olr.evidence.enforcement === 'block' ? evidenceFindings : []),
    ...roleModelFindings,
  ];
  if (blocking.length) {
    throw new AppError('CALIBRATION_RULE_VIOLATED', {
      detail: `This session cannot be finalised yet: ${blocking.join('; ')}.`,
      errors: blocking.map((message) => ({ path: 'session', message })),
      extra: {
        rule: olr.distribution.mode === 'forced' && distributionFindings.length ? 'DISTRIBUTION_VIOLATED' : roleModelFindings.length ? 'ROLE_MODEL_CAP' : 'EVIDENCE_THRESHOLD',
        violations: distribution.violations,
      },
    });
  }
  const warnings = [...(olr.distribution.mode === 'guideline' ? distributionFindings : []), ...(olr.evidence.enforcement === 'warn' ? evidenceFindings : [])];
  await db.transaction().execute(async (trx) => {
    const updated = await trx.updateTable('calibration_sessions').set({ status: 'finalised', finalised_at: options.now, version: sql`version + 1` }).where('id', '=', session.id).where('status', '=', 'open').executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('CONFLICT', { detail: 'The session was finalised meanwhile.', extra: { rule: 'RATING_LOCKED' } });
    // The checks above read the ratings before this lock: a move committed since then would be
    // finalised unchecked and miscounted, so the finalisation is refused and the board reloaded.
    const stored = await trx.selectFrom('calibrated_ratings').select(['person_id', 'ov']).where('session_id', '=', session.id).execute();
    const checked = new Map(rows.map((r) => [r.person_id, r.ov]));
    if (stored.length !== rows.length || stored.some((r) => checked.get(r.person_id) !== r.ov)) {
      throw new AppError('CONFLICT', { detail: 'A rating moved while the session was being finalised; look at the board again and finalise.', extra: { rule: 'RATINGS_MOVED' } });
    }
    await appendAuditEvent(trx, {
      actorAccountId: options.actor.accountId,
      action: 'calibration.finalised',
      subjectType: 'calibration_session',
      subjectId: session.id,
      requestId: options.requestId,
      details: { people: rows.length, counts: distribution.counts, warnings },
      at: options.now,
    });
  });
  return { ...presentSession(await loadSession(db, session.id)), warnings };
}

/** Delivers finalised ratings: each person can now read what the policy shows them, and is told so. */
export async function deliverSession(db: Kysely<DB>, options: { actor: Actor; sessionId: number; now: Date; requestId?: string }) {
  const session = await loadSession(db, options.sessionId);
  authorizeRunSession(options.actor, session);
  if (session.status !== 'finalised') throw new AppError('CONFLICT', { detail: `Only a finalised session is delivered; this one is ${session.status}.`, extra: { rule: 'NOT_FINALISED' } });
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('calibration_sessions').set({ status: 'delivered', delivered_at: options.now, version: sql`version + 1` }).where('id', '=', session.id).execute();
    const people = await trx.selectFrom('calibrated_ratings').select('person_id').where('session_id', '=', session.id).execute();
    await notify(trx, people.map((p) => p.person_id), { kind: 'rating.delivered', title: `Your ${session.cycle.name} review is ready`, link: `/cycles/${session.cycle.id}/my-rating`, dedupeKey: `rating-delivered-${session.cycle.id}`, now: options.now });
    await appendAuditEvent(trx, { actorAccountId: options.actor.accountId, action: 'calibration.delivered', subjectType: 'calibration_session', subjectId: session.id, requestId: options.requestId, details: { people: people.length }, at: options.now });
  });
  return presentSession(await loadSession(db, session.id));
}
