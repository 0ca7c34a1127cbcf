import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { notify } from '../cycles/notifications.service.ts';
import type { PulseQuestion } from '../policy/growth.schema.ts';
import { actsForTeam } from './growth.access.ts';
import { growthPolicy } from './growth-policy.ts';
import { pulseAnswerProblems, pulseReport } from './pulse.rules.ts';
import { today } from './dates.rules.ts';

type PulseRow = { id: number; title: string; questions: PulseQuestion[]; min_group_size: number; closes_on: string; created_by: number };

async function teamsOf(db: Kysely<DB>, pulseIds: number[]) {
  if (!pulseIds.length) return [];
  return db.selectFrom('pulse_teams as pt').innerJoin('teams as t', 't.id', 'pt.team_id').select(['pt.pulse_id', 't.id', 't.name']).where('pt.pulse_id', 'in', pulseIds).orderBy('t.name').execute();
}

async function memberPaths(db: Kysely<DB>, teamIds: number[]) {
  if (!teamIds.length) return [];
  return db.selectFrom('people').select(['path', 'team_id']).where('team_id', 'in', teamIds).where('status', '!=', 'terminated').execute();
}

/** Results are read by whoever acts for a surveyed team (its managers' chain, HR in scope, admins) and the pulse's creator. */
function readsResults(actor: Actor, pulse: PulseRow, paths: readonly string[]) {
  return pulse.created_by === actor.accountId || actsForTeam(actor, paths);
}

/**
 * Opens a pulse for one or more teams with the policy's questions (or its own), pinning the
 * minimum group size in force today. Whoever acts for every one of the teams may open it.
 */
export async function createPulse(db: Kysely<DB>, options: { actor: Actor; input: { title: string; teamIds: number[]; closesOn: string; questions?: PulseQuestion[] }; now: Date; requestId?: string }) {
  const { growth } = await growthPolicy(db);
  const teamIds = [...new Set(options.input.teamIds)];
  const teams = await db.selectFrom('teams').select(['id', 'name']).where('id', 'in', teamIds).execute();
  if (teams.length !== teamIds.length) throw new AppError('GROWTH_RULE_VIOLATED', { detail: 'A team named does not exist.', errors: [{ path: 'body.teamIds', message: 'names a team that does not exist' }], extra: { rule: 'UNKNOWN_TEAM' } });
  const members = await memberPaths(db, teamIds);
  for (const team of teams) {
    if (!actsForTeam(options.actor, members.filter((m) => m.team_id === team.id).map((m) => m.path))) {
      throw new AppError('FORBIDDEN', { detail: `You do not act for ${team.name}: a pulse is opened by the team's managers, HR in scope or administrators.`, extra: { rule: 'NOT_YOUR_TEAM' } });
    }
  }
  if (options.input.closesOn < today(options.now)) {
    throw new AppError('GROWTH_RULE_VIOLATED', { detail: 'A pulse closes today or later.', errors: [{ path: 'body.closesOn', message: 'is in the past' }], extra: { rule: 'CLOSES_IN_PAST' } });
  }
  const questions = options.input.questions ?? growth.teamHealth.defaultQuestions;
  const id = await db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('pulse_surveys').values({ title: options.input.title.trim(), questions: JSON.stringify(questions), min_group_size: growth.teamHealth.minGroupSize, closes_on: options.input.closesOn, created_by: options.actor.accountId, created_at: options.now }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('pulse_teams').values(teamIds.map((team_id) => ({ pulse_id: id, team_id }))).execute();
    const people = await trx.selectFrom('people').select('id').where('team_id', 'in', teamIds).where('status', '=', 'active').execute();
    await notify(trx, people.map((p) => p.id), { kind: 'pulse.open', title: `A short team health pulse: ${options.input.title.trim()}`, link: `/growth/team-health/${id}`, dedupeKey: `pulse-${id}`, now: options.now });
    await appendAuditEvent(trx, { actorAccountId: options.actor.accountId, action: 'pulse.created', subjectType: 'pulse', subjectId: id, requestId: options.requestId, details: { teams: teamIds, minGroupSize: growth.teamHealth.minGroupSize }, at: options.now });
    return id;
  });
  return getPulse(db, { actor: options.actor, pulseId: id, now: options.now });
}

async function presentPulses(db: Kysely<DB>, actor: Actor, rows: PulseRow[], now: Date) {
  const teams = await teamsOf(db, rows.map((r) => r.id));
  const members = await memberPaths(db, [...new Set(teams.map((t) => t.id))]);
  const me = actor.personId === null ? undefined : await db.selectFrom('people').select('team_id').where('id', '=', actor.personId).executeTakeFirst();
  const answered = actor.personId === null || !rows.length ? [] : await db.selectFrom('pulse_participation').select('pulse_id').where('person_id', '=', actor.personId).where('pulse_id', 'in', rows.map((r) => r.id)).execute();
  return rows.map((r) => {
    const mine = teams.filter((t) => t.pulse_id === r.id);
    const open = today(now) <= r.closes_on;
    const asked = me?.team_id != null && mine.some((t) => t.id === me.team_id);
    return {
      id: r.id,
      title: r.title,
      closesOn: r.closes_on,
      open,
      questions: r.questions,
      teams: mine.map((t) => ({ id: t.id, name: t.name })),
      minGroupSize: r.min_group_size,
      canAnswer: asked && open && !answered.some((a) => a.pulse_id === r.id),
      answered: answered.some((a) => a.pulse_id === r.id),
      canReadResults: readsResults(actor, r, members.filter((m) => mine.some((t) => t.id === m.team_id)).map((m) => m.path)),
    };
  });
}

const selectPulses = (db: Kysely<DB>) => db.selectFrom('pulse_surveys').select(['id', 'title', 'questions', 'min_group_size', 'closes_on', 'created_by']);

/** Pulses I am asked to answer or whose results I read, newest first. */
export async function listPulses(db: Kysely<DB>, options: { actor: Actor; now: Date }) {
  const rows = await selectPulses(db).orderBy('closes_on', 'desc').orderBy('id', 'desc').limit(200).execute();
  const shown = await presentPulses(db, options.actor, rows, options.now);
  const me = options.actor.personId === null ? undefined : await db.selectFrom('people').select('team_id').where('id', '=', options.actor.personId).executeTakeFirst();
  return { pulses: shown.filter((p) => p.canReadResults || p.teams.some((t) => t.id === me?.team_id)) };
}

export async function getPulse(db: Kysely<DB>, options: { actor: Actor; pulseId: number; now: Date }) {
  const row = await selectPulses(db).where('id', '=', options.pulseId).executeTakeFirst();
  const [pulse] = row ? await presentPulses(db, options.actor, [row], options.now) : [];
  const member = pulse && options.actor.personId !== null && (await db.selectFrom('people').select('team_id').where('id', '=', options.actor.personId).executeTakeFirst())?.team_id;
  if (!pulse || !(pulse.canReadResults || pulse.teams.some((t) => t.id === member))) throw new AppError('NOT_FOUND', { detail: `No pulse ${options.pulseId} for you.` });
  return pulse;
}

/**
 * Takes one person's answers: checked whole against the scales first, then counted into the
 * team's tallies in the same transaction that records that the person has answered. No row
 * ever holds a person with an answer, and nothing returned names the response.
 */
export async function answerPulse(db: Kysely<DB>, options: { actor: Actor; pulseId: number; answers: Record<string, number>; now: Date }) {
  const pulse = await getPulse(db, options);
  const team = options.actor.personId === null ? undefined : await db.selectFrom('people').select('team_id').where('id', '=', options.actor.personId).executeTakeFirst();
  const teamId = team?.team_id ?? null;
  if (teamId === null || !pulse.teams.some((t) => t.id === teamId)) throw new AppError('FORBIDDEN', { detail: 'This pulse asks the members of its teams.', extra: { rule: 'NOT_ASKED' } });
  if (!pulse.open) throw new AppError('CONFLICT', { detail: `This pulse closed on ${pulse.closesOn}.`, extra: { rule: 'PULSE_CLOSED' } });
  const problems = pulseAnswerProblems(pulse.questions, options.answers);
  if (problems.length) throw new AppError('GROWTH_RULE_VIOLATED', { detail: problems.map((p) => `${p.path} ${p.message}`).join('; '), errors: problems, extra: { rule: 'ANSWER_INVALID' } });
  await db.transaction().execute(async (trx) => {
    const first = await trx.insertInto('pulse_participation').values({ pulse_id: pulse.id, person_id: options.actor.personId! }).onConflict((oc) => oc.columns(['pulse_id', 'person_id']).doNothing()).returning('person_id').executeTakeFirst();
    if (!first) throw new AppError('ALREADY_SUBMITTED', { detail: 'You have answered this pulse already; one answer each keeps the results honest.', extra: { rule: 'ALREADY_ANSWERED' } });
    await trx.insertInto('pulse_team_respondents').values({ pulse_id: pulse.id, team_id: teamId, respondents: 1 }).onConflict((oc) => oc.columns(['pulse_id', 'team_id']).doUpdateSet((eb) => ({ respondents: eb('pulse_team_respondents.respondents', '+', 1) }))).execute();
    for (const q of pulse.questions) {
      await trx
        .insertInto('pulse_tallies')
        .values({ pulse_id: pulse.id, team_id: teamId, question_key: q.key, value: options.answers[q.key]!, n: 1 })
        .onConflict((oc) => oc.columns(['pulse_id', 'team_id', 'question_key', 'value']).doUpdateSet((eb) => ({ n: eb('pulse_tallies.n', '+', 1) })))
        .execute();
    }
  });
}

async function reportOf(db: Kysely<DB>, pulse: { id: number; questions: PulseQuestion[]; minGroupSize: number; teams: { id: number }[] }) {
  const [respondents, tallies] = await Promise.all([
    db.selectFrom('pulse_team_respondents').select(['team_id', 'respondents']).where('pulse_id', '=', pulse.id).execute(),
    db.selectFrom('pulse_tallies').select(['team_id', 'question_key', 'value', 'n']).where('pulse_id', '=', pulse.id).execute(),
  ]);
  return pulseReport(
    pulse.questions,
    pulse.teams.map((t) => ({ teamId: t.id, respondents: respondents.find((r) => r.team_id === t.id)?.respondents ?? 0, tallies: tallies.filter((x) => x.team_id === t.id).map((x) => ({ questionKey: x.question_key, value: x.value, n: x.n })) })),
    pulse.minGroupSize,
  );
}

/**
 * A closed pulse's results. Only after it closes: reading twice while answers arrive would give
 * the latest answer away by difference. A team below the minimum (or hidden to protect one) is
 * refused by name, nothing shown.
 */
export async function pulseResults(db: Kysely<DB>, options: { actor: Actor; pulseId: number; teamId?: number; now: Date }) {
  const pulse = await getPulse(db, options);
  if (!pulse.canReadResults) throw new AppError('NOT_FOUND', { detail: `No pulse results you can read for pulse ${pulse.id}.` });
  if (pulse.open) throw new AppError('CONFLICT', { detail: `Results are shown once the pulse closes (${pulse.closesOn}), so no one can read an answer by difference as it arrives.`, extra: { rule: 'PULSE_OPEN' } });
  const report = await reportOf(db, pulse);
  const name = (id: number) => pulse.teams.find((t) => t.id === id)!;
  if (options.teamId !== undefined) {
    if (!pulse.teams.some((t) => t.id === options.teamId)) throw new AppError('NOT_FOUND', { detail: `Team ${options.teamId} was not asked in this pulse.` });
    if (report.suppressedTeamIds.includes(options.teamId)) {
      throw new AppError('GROWTH_RULE_VIOLATED', { detail: `Results of ${name(options.teamId).name} are withheld: fewer than ${pulse.minGroupSize} people answered, or showing them would let another small group be worked out.`, extra: { rule: 'GROUP_TOO_SMALL', minGroupSize: pulse.minGroupSize } });
    }
  }
  const teams = report.teams.filter((t) => options.teamId === undefined || t.teamId === options.teamId);
  return {
    pulse: { id: pulse.id, title: pulse.title, closesOn: pulse.closesOn, minGroupSize: pulse.minGroupSize },
    questions: pulse.questions,
    teams: teams.map((t) => ({ team: name(t.teamId), respondents: t.respondents, questions: t.questions })),
    suppressedTeams: options.teamId === undefined ? report.suppressedTeamIds.map(name) : [],
    total: options.teamId === undefined ? report.total : null,
  };
}

/** A team's health over time: each closed pulse that asked it, with the numbers only where the team is shown. */
export async function teamHealth(db: Kysely<DB>, options: { actor: Actor; teamId: number; now: Date }) {
  const team = await db.selectFrom('teams').select(['id', 'name']).where('id', '=', options.teamId).executeTakeFirst();
  const paths = team ? (await memberPaths(db, [team.id])).map((m) => m.path) : [];
  const member = options.actor.personPath !== null && paths.includes(options.actor.personPath);
  if (!team || !(member || actsForTeam(options.actor, paths))) throw new AppError('NOT_FOUND', { detail: `No team health you can read for team ${options.teamId}.` });
  const rows = await selectPulses(db).where('closes_on', '<', today(options.now)).where((eb) => eb.exists(eb.selectFrom('pulse_teams').select('team_id').whereRef('pulse_id', '=', 'pulse_surveys.id').where('team_id', '=', team.id))).orderBy('closes_on').execute();
  const teams = await teamsOf(db, rows.map((r) => r.id));
  const points = [];
  for (const r of rows) {
    const report = await reportOf(db, { id: r.id, questions: r.questions, minGroupSize: r.min_group_size, teams: teams.filter((t) => t.pulse_id === r.id) });
    const shown = report.teams.find((t) => t.teamId === team.id);
    points.push({ pulse: { id: r.id, title: r.title, closesOn: r.closes_on }, suppressed: !shown, respondents: shown?.respondents ?? null, questions: shown?.questions ?? [] });
  }
  return { team, points };
}
