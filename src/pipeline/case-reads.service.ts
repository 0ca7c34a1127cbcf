import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { allowedNext, visibleToEmployee, type CaseState } from './pipeline.rules.ts';
import { authorizeHrCase, authorizeListCases, authorizeReadCase, casesVisibleTo, loadCase, logPipelineRead, type LoadedCase } from './pipeline.access.ts';
import { caseHistory } from './pipeline.repository.ts';
import { isOverdue } from './deadlines.rules.ts';
import { checkInSchedule } from './timeline.rules.ts';
import { severanceOffer } from './severance.rules.ts';
import { SEVERANCE_OF, isEndStage, stageLabel, type Capacity, type Stage } from './stages.ts';

const HIDDEN_FROM_EMPLOYEE: readonly Stage[] = ['identified', 'focus'];

/** The summary row of a case, as lists and the detail view show it. */
export function presentSummary(c: { id: number; version: number; person: LoadedCase['person']; state: CaseState; openedAt: Date; closedAt: Date | null }, focusLabel: string, now: Date) {
  return {
    id: c.id,
    person: { id: c.person.id, name: c.person.name, level: c.person.level, team: c.person.team, managerName: c.person.managerName },
    stage: c.state.stage,
    stageLabel: stageLabel(c.state.stage, focusLabel),
    stageEnteredAt: c.state.stageEnteredAt,
    dueAt: c.state.dueAt,
    overdue: isOverdue(c.state.dueAt, now),
    escalatedAt: c.state.escalatedAt,
    openedAt: c.openedAt.toISOString(),
    closedAt: c.closedAt?.toISOString() ?? null,
    version: c.version,
  };
}

// What the employee sees where the policy hides identification and Focus: the case from Pivot on.
function redactForEmployee(state: CaseState): Record<string, unknown> {
  return { ...state, reason: null, source: null, focus: null, checkIns: state.checkIns.filter((c) => c.stage !== 'focus'), path: state.path.filter((s) => !HIDDEN_FROM_EMPLOYEE.includes(s)) };
}

async function presentCase(db: Kysely<DB>, c: LoadedCase, capacities: Capacity[], now: Date) {
  const policy = c.policy.pipeline;
  const employeeOnly = !capacities.includes('chain') && !capacities.includes('hr');
  const redact = employeeOnly && !policy.focus.visibleToEmployee;
  const history = (await caseHistory(db, c.id))
    .filter((e) => !redact || !HIDDEN_FROM_EMPLOYEE.includes(e.to_stage))
    .map((e) => ({ type: e.type, from: e.from_stage, to: e.to_stage, at: e.at.toISOString(), by: employeeOnly && e.capacity !== 'employee' ? null : e.actor_name, capacity: e.capacity, details: e.details }));
  const s = c.state;
  const running = s.stage === 'pip' ? s.pip : s.stage === 'focus' ? s.focus : null;
  const timeline = running ? checkInSchedule({ startsAt: running.startsAt, endsAt: running.endsAt, everyDays: running.checkInEveryDays }, s.checkIns.filter((ci) => ci.stage === s.stage).map((ci) => ci.at)) : [];
  const jurorIds = employeeOnly ? [] : (s.appeal?.jurors ?? []).map((j) => j.personId);
  const jurors = jurorIds.length ? await db.selectFrom('people').select(['id', 'name']).where('id', 'in', jurorIds).orderBy('name').execute() : [];
  return {
    ...presentSummary(c, policy.focus.label, now),
    policy: { key: c.policy.key, version: c.policy.version, focusLabel: policy.focus.label, focusVisibleToEmployee: policy.focus.visibleToEmployee },
    viewer: { capacities, allowedNext: allowedNext(s.stage).filter((n) => n.by.some((b) => capacities.includes(b))).map((n) => ({ ...n, by: [...n.by] })) },
    state: redact ? redactForEmployee(s) : (s as unknown as Record<string, unknown>),
    timeline,
    history,
    jurors,
  };
}

/** One case, as much as the reader may see (also the answer to a step); the read is logged before the data leaves. */
export async function getCase(db: Kysely<DB>, options: { actor: Actor; caseId: number; now: Date; requestId?: string }) {
  const unsafeCase = await loadCase(db, options.caseId);
  const capacities = authorizeReadCase(options.actor, unsafeCase);
  await logPipelineRead(db, { actor: options.actor, resource: 'case', subjects: [{ personId: unsafeCase.person.id, caseId: unsafeCase.id }], requestId: options.requestId, now: options.now });
  return presentCase(db, unsafeCase, capacities, options.now);
}

/** The signed-in person's own case (open, else the latest), where the policy shows it to them; 404 otherwise. */
export async function getMyCase(db: Kysely<DB>, options: { actor: Actor; now: Date; requestId?: string }) {
  const none = new AppError('NOT_FOUND', { detail: 'You have no plan to show.' });
  if (options.actor.personId === null) throw none;
  const rows = await db.selectFrom('pipeline_cases').select('id').where('person_id', '=', options.actor.personId).orderBy('closed_at', (ob) => ob.desc().nullsFirst()).orderBy('id', 'desc').execute();
  for (const { id } of rows) {
    const unsafeCase = await loadCase(db, id);
    if (!visibleToEmployee(unsafeCase.state.stage, unsafeCase.state, unsafeCase.policy.pipeline)) continue;
    await logPipelineRead(db, { actor: options.actor, resource: 'my-case', subjects: [{ personId: unsafeCase.person.id, caseId: id }], requestId: options.requestId, now: options.now });
    return presentCase(db, unsafeCase, ['employee'], options.now);
  }
  throw none;
}

/** Cases in the reader's organisation (managers) or HR scope, open ones by default; every listed case's read is logged. */
export async function listCases(db: Kysely<DB>, options: { actor: Actor; stage?: Stage; includeClosed?: boolean; now: Date; requestId?: string }) {
  authorizeListCases(options.actor);
  let query = db
    .selectFrom('pipeline_cases as c')
    .innerJoin('people as p', 'p.id', 'c.person_id')
    .leftJoin('people as m', 'm.id', 'p.manager_id')
    .leftJoin('teams as t', 't.id', 'p.team_id')
    .innerJoin('policies as pol', 'pol.id', 'c.policy_id')
    .select(['c.id', 'c.version', 'c.state', 'c.opened_at', 'c.closed_at', 'p.id as person_id', 'p.name', 'p.path', 'p.level', 'p.hire_date', 'p.manager_id', 'm.name as manager_name', 't.name as team', 'pol.document'])
    .where(casesVisibleTo(options.actor))
    .orderBy('c.due_at', (ob) => ob.asc().nullsLast())
    .orderBy('c.id')
    .limit(1000);
  if (options.stage) query = query.where('c.stage', '=', options.stage);
  if (!options.includeClosed && !(options.stage && isEndStage(options.stage))) query = query.where('c.closed_at', 'is', null);
  const rows = await query.execute();
  await logPipelineRead(db, { actor: options.actor, resource: 'case-list', subjects: rows.map((r) => ({ personId: r.person_id, caseId: r.id })), requestId: options.requestId, now: options.now });
  return {
    cases: rows.map((r) => {
      const focusLabel = (r.document as { pipeline?: { focus?: { label?: string } } }).pipeline?.focus?.label ?? 'Focus';
      const person = { id: r.person_id, name: r.name, path: r.path, level: r.level, hireDate: r.hire_date, managerId: r.manager_id, managerName: r.manager_name, team: r.team };
      return presentSummary({ id: r.id, version: r.version, person, state: r.state as CaseState, openedAt: r.opened_at, closedAt: r.closed_at }, focusLabel, options.now);
    }),
  };
}

/** Who read the case, when, and who therefore knew about it since when (HR in scope). */
export async function caseAccessLog(db: Kysely<DB>, options: { actor: Actor; caseId: number; now: Date; requestId?: string }) {
  const unsafeCase = await loadCase(db, options.caseId);
  authorizeHrCase(options.actor, unsafeCase);
  await logPipelineRead(db, { actor: options.actor, resource: 'access-log', subjects: [{ personId: unsafeCase.person.id, caseId: unsafeCase.id }], requestId: options.requestId, now: options.now });
  const rows = await db
    .selectFrom('pipeline_access_log as l')
    .innerJoin('accounts as a', 'a.id', 'l.reader_account_id')
    .select(['l.at', 'l.resource', 'a.id as account_id', 'a.name'])
    .where((eb) => eb.or([eb('l.case_id', '=', unsafeCase.id), eb.and([eb('l.person_id', '=', unsafeCase.person.id), eb('l.case_id', 'is', null)])]))
    .orderBy('l.id')
    .execute();
  const first = new Map<number, { accountId: number; name: string; firstReadAt: string }>();
  for (const r of rows) if (!first.has(r.account_id)) first.set(r.account_id, { accountId: r.account_id, name: r.name, firstReadAt: r.at.toISOString() });
  return {
    entries: rows.map((r) => ({ at: r.at.toISOString(), reader: { accountId: r.account_id, name: r.name }, resource: r.resource })),
    knewSince: [...first.values()],
  };
}

/** The offer letter's figures for a case: every tier at the employee's tenure, and the one that applies now. */
export async function caseSeverance(db: Kysely<DB>, options: { actor: Actor; caseId: number; annualBasePayCents: number; separationDate?: string; now: Date; requestId?: string }) {
  const unsafeCase = await loadCase(db, options.caseId);
  authorizeHrCase(options.actor, unsafeCase);
  await logPipelineRead(db, { actor: options.actor, resource: 'severance', subjects: [{ personId: unsafeCase.person.id, caseId: unsafeCase.id }], requestId: options.requestId, now: options.now });
  const separationDate = options.separationDate ?? options.now.toISOString().slice(0, 10);
  if (separationDate < unsafeCase.person.hireDate) throw new AppError('VALIDATION_FAILED', { detail: `The separation date ${separationDate} is before the hire date ${unsafeCase.person.hireDate}.`, errors: [{ path: 'querystring.separationDate', message: 'is before the hire date' }] });
  const stage = unsafeCase.state.stage;
  const applies = isEndStage(stage) ? SEVERANCE_OF[stage] : stage === 'pivot' ? 'tier1' : stage === 'pip_failed' ? 'tier2' : stage === 'appeal' ? 'minimal' : null;
  return {
    caseId: unsafeCase.id,
    hireDate: unsafeCase.person.hireDate,
    separationDate,
    ...severanceOffer({ policy: unsafeCase.policy.pipeline, hireDate: unsafeCase.person.hireDate, separationDate, annualBasePayCents: options.annualBasePayCents }),
    applies,
  };
}
