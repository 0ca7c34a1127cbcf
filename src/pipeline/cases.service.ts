import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { hrCovers, isAboveInChain } from '../cycles/cycles.access.ts';
import { loadCycle } from '../cycles/cycle-loader.ts';
import { notify } from '../cycles/notifications.service.ts';
import { activePolicy } from '../policy/policy.service.ts';
import type { PipelineCommand } from '../shared/schemas/pipeline.ts';
import { choosePolicyForCase, type CasePolicy } from './case-policy.ts';
import { applyTransition, openCase as openCaseRule, visibleToEmployee, type Refusal } from './pipeline.rules.ts';
import { capacitiesOf, loadCase, type LoadedCase } from './pipeline.access.ts';
import { caseWatchers, insertCase, saveTransition } from './pipeline.repository.ts';
import { jurorProblemsFor } from './jury.service.ts';
import { recordPipelineExit } from './exits.service.ts';
import { stageLabel } from './stages.ts';
import { getCase } from './case-reads.service.ts';

/** Turns a refusal of the state machine into the problem the API sends: it names the stage and the allowed next steps. */
export function refusalError(refusal: Refusal): AppError {
  const code = refusal.kind === 'stage' ? 'PIPELINE_STEP_REFUSED' : refusal.kind === 'forbidden' ? 'FORBIDDEN' : 'PIPELINE_RULE_VIOLATED';
  return new AppError(code, { detail: refusal.detail, ...(refusal.errors ? { errors: refusal.errors } : {}), extra: { rule: refusal.rule, stage: refusal.stage, allowed: refusal.allowed.map((a) => ({ transition: a.transition, by: a.by })) } });
}

async function loadSubject(db: Kysely<DB>, personId: number) {
  const person = await db.selectFrom('people').select(['id', 'name', 'path', 'status']).where('id', '=', personId).executeTakeFirst();
  if (!person || person.status === 'terminated') throw new AppError('VALIDATION_FAILED', { detail: `No active person ${personId}.`, errors: [{ path: 'body.personId', message: 'no active person' }] });
  return person;
}

/**
 * Opens a case at identification: from an LE (or any identifying) rating of a finalised
 * calibration, or by hand with a reason. The management chain and HR in scope open cases; one
 * person has at most one open case. Written with its audit event in one transaction.
 */
export async function openCase(
  db: Kysely<DB>,
  options: { actor: Actor; input: { source: 'rating'; personId: number; cycleId: number } | { source: 'manual'; personId: number; reason: string; policy?: string }; now: Date; requestId?: string },
) {
  const { input, actor } = options;
  const person = await loadSubject(db, input.personId);
  if (!isAboveInChain(actor, person.path) && !hrCovers(actor, person.path)) throw new AppError('NOT_FOUND', { detail: `No person ${input.personId} in your organisation.` });
  let policy: CasePolicy;
  let reason: string;
  let cycleId: number | null = null;
  if (input.source === 'rating') {
    const cycle = await loadCycle(db, input.cycleId);
    // A cycle the person is not in is not disclosed (its name is in the messages below).
    const participant = await db.selectFrom('cycle_participants').select('person_id').where('cycle_id', '=', cycle.id).where('person_id', '=', person.id).executeTakeFirst();
    if (!participant) throw new AppError('NOT_FOUND', { detail: `No review cycle ${input.cycleId} with person ${input.personId} in it.` });
    policy = await choosePolicyForCase(db, { policyId: cycle.policyId, key: cycle.policyKey });
    const rating = await db
      .selectFrom('calibrated_ratings as cr')
      .innerJoin('calibration_sessions as s', 's.id', 'cr.session_id')
      .select(['cr.ov', 's.status'])
      .where('cr.cycle_id', '=', cycle.id)
      .where('cr.person_id', '=', person.id)
      .executeTakeFirst();
    if (!rating || rating.status === 'open') {
      throw new AppError('PIPELINE_RULE_VIOLATED', { detail: `${person.name} has no finalised calibrated rating in ${cycle.name}.`, extra: { rule: 'NO_FINAL_RATING', stage: null, allowed: [] } });
    }
    if (!policy.pipeline.identification.ratings.includes(rating.ov)) {
      throw new AppError('PIPELINE_RULE_VIOLATED', { detail: `${person.name} was rated ${rating.ov} in ${cycle.name}; the policy identifies ${policy.pipeline.identification.ratings.join(', ')} only. Open a manual case with a reason instead.`, extra: { rule: 'RATING_DOES_NOT_IDENTIFY', stage: null, allowed: [] } });
    }
    reason = `Rated ${rating.ov} in ${cycle.name}`;
    cycleId = cycle.id;
  } else {
    const key = input.policy ?? (await activePolicy(db)).policy.key;
    policy = await choosePolicyForCase(db, { key });
    reason = input.reason;
  }
  const opened = openCaseRule({ source: input.source, reason, now: options.now, policy: policy.pipeline });
  if (!opened.ok) throw refusalError(opened.refusal);

  const caseId = await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('pipeline_cases').select('id').where('person_id', '=', person.id).where('closed_at', 'is', null).executeTakeFirst();
    if (existing) throw new AppError('CONFLICT', { detail: `${person.name} already has an open pipeline case (${existing.id}).`, extra: { rule: 'CASE_ALREADY_OPEN', caseId: existing.id } });
    const id = await insertCase(trx, { personId: person.id, policyId: policy.id, cycleId, state: opened.state, openedBy: actor.accountId, now: options.now });
    await appendAuditEvent(trx, { actorAccountId: actor.accountId, action: 'pipeline.opened', subjectType: 'pipeline_case', subjectId: id, requestId: options.requestId, details: { personId: person.id, source: input.source, cycleId, policy: `${policy.key}@${policy.version}` }, at: options.now });
    const watchers = (await caseWatchers(trx, person)).filter((w) => w !== actor.personId);
    await notify(trx, watchers, { kind: 'pipeline.opened', title: `${person.name} was identified for the pipeline`, link: `/pipeline/cases/${id}`, now: options.now });
    if (visibleToEmployee('identified', opened.state, policy.pipeline)) {
      await notify(trx, [person.id], { kind: 'pipeline.opened', title: `Your manager will set up a ${policy.pipeline.focus.label.toLowerCase()} with you`, link: '/pipeline/my-plan', now: options.now });
    }
    return id;
  });
  return getCase(db, { actor, caseId, now: options.now, requestId: options.requestId });
}

/** Opens a case for everyone the cycle's finalised calibration rated into an identifying rating and who has none open. */
export async function identifyFromRatings(db: Kysely<DB>, options: { actor: Actor; cycleId: number; now: Date; requestId?: string }) {
  if (!options.actor.hrScope) throw new AppError('FORBIDDEN', { detail: 'Only HR partners identify from a calibration.' });
  const cycle = await loadCycle(db, options.cycleId);
  const policy = await choosePolicyForCase(db, { policyId: cycle.policyId, key: cycle.policyKey });
  const candidates = await db
    .selectFrom('calibrated_ratings as cr')
    .innerJoin('calibration_sessions as s', 's.id', 'cr.session_id')
    .innerJoin('people as p', 'p.id', 'cr.person_id')
    .select(['p.id', 'p.path'])
    .where('cr.cycle_id', '=', cycle.id)
    .where('s.status', '!=', 'open')
    .where('cr.ov', 'in', policy.pipeline.identification.ratings)
    .where('p.status', '!=', 'terminated')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('pipeline_cases as c').select('c.id').whereRef('c.person_id', '=', 'p.id').where('c.closed_at', 'is', null))))
    .orderBy('p.id')
    .execute();
  const mine = candidates.filter((c) => hrCovers(options.actor, c.path));
  const opened: number[] = [];
  for (const person of mine) {
    const result = await openCase(db, { actor: options.actor, input: { source: 'rating', personId: person.id, cycleId: cycle.id }, now: options.now, requestId: options.requestId });
    opened.push(result.id);
  }
  return { opened: opened.length, caseIds: opened };
}

/**
 * Takes one step of the process on a case. The state machine decides; a refusal names the stage
 * and the allowed next steps and changes nothing. The new state, the step, its audit event, the
 * exit record for a case ending in a departure, and the notifications are written in one
 * transaction against the version the client decided on.
 */
export async function takeTransition(db: Kysely<DB>, options: { actor: Actor; caseId: number; version: number; step: PipelineCommand; now: Date; requestId?: string }) {
  const { actor, step } = options;
  await db.transaction().execute(async (trx) => {
    const unsafeCase = await loadCase(trx, options.caseId, { forUpdate: true });
    const capacities = capacitiesOf(actor, unsafeCase);
    // Jurors reach their vote through the case id, but see nothing else of it.
    const mayRead = capacities.includes('chain') || capacities.includes('hr') || (capacities.includes('employee') && visibleToEmployee(unsafeCase.state.stage, unsafeCase.state, unsafeCase.policy.pipeline)) || (capacities.includes('juror') && step.type === 'castJuryVote');
    if (!mayRead) throw new AppError('NOT_FOUND', { detail: `No pipeline case ${options.caseId}.` });
    const c: LoadedCase = unsafeCase;
    if (c.version !== options.version) {
      throw new AppError('VERSION_CONFLICT', { detail: 'The case moved on since you loaded it; look at it again and decide.', extra: { rule: 'VERSION_CONFLICT', version: c.version, stage: c.state.stage } });
    }
    const jurorProblems = step.type === 'empanelJury' ? await jurorProblemsFor(trx, { employee: c.person, jurorIds: step.jurorIds }) : undefined;
    const result = applyTransition(c.state, step, { policy: c.policy.pipeline, now: options.now, actor: { capacities, personId: actor.personId, accountId: actor.accountId }, jurorProblems });
    if (!result.ok) throw refusalError(result.refusal);
    const { state, event } = result;
    await saveTransition(trx, { caseId: c.id, version: c.version, state, event, actorAccountId: actor.accountId });
    await appendAuditEvent(trx, {
      actorAccountId: actor.accountId,
      action: `pipeline.${event.type}`,
      subjectType: 'pipeline_case',
      subjectId: c.id,
      requestId: options.requestId,
      details: { personId: c.person.id, from: event.from, to: event.to, capacity: event.capacity, ...event.details },
      at: options.now,
    });
    if (state.severance) await recordPipelineExit(trx, { caseId: c.id, personId: c.person.id, stage: state.stage, actor, now: options.now });
    await notifyStep(trx, { c, state, step, actor, now: options.now });
  });
  return getCase(db, { actor, caseId: options.caseId, now: options.now, requestId: options.requestId }).catch((error: unknown) =>
    // A juror's vote succeeds without their being able to read the case.
    error instanceof AppError && error.code === 'NOT_FOUND' ? null : Promise.reject(error),
  );
}

async function notifyStep(db: Kysely<DB>, options: { c: LoadedCase; state: LoadedCase['state']; step: PipelineCommand; actor: Actor; now: Date }) {
  const { c, state, step, now } = options;
  const label = stageLabel(state.stage, c.policy.pipeline.focus.label);
  const link = `/pipeline/cases/${c.id}`;
  if (state.stage !== c.state.stage) {
    const watchers = (await caseWatchers(db, c.person)).filter((w) => w !== options.actor.personId);
    await notify(db, watchers, { kind: 'pipeline.moved', title: `${c.person.name}: ${label}`, link, now });
    if (visibleToEmployee(state.stage, state, c.policy.pipeline) && c.person.id !== options.actor.personId) {
      await notify(db, [c.person.id], { kind: 'pipeline.moved', title: `Your plan: ${label}`, link: '/pipeline/my-plan', now });
    }
  }
  if (step.type === 'empanelJury') {
    await notify(db, step.jurorIds, { kind: 'pipeline.jury', title: 'You have been asked to sit on an appeal jury', link: '/pipeline/jury', dedupeKey: `jury-${c.id}`, now });
  }
}
