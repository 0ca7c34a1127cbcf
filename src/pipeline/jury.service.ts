import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../accounts/actor.ts';
import { logPipelineRead } from './pipeline.access.ts';
import type { CaseState } from './pipeline.rules.ts';

/**
 * Why each proposed juror may not sit on the employee's appeal, or null when they may. A jury of
 * peers comes from outside the chain: not the employee, nobody above them, and nobody in the
 * organisation of the manager who judged the PIP (their teammates and their own reports included),
 * since all of those answer to someone who took part in the decision.
 */
export async function jurorProblemsFor(db: Kysely<DB>, options: { employee: { id: number; path: string; managerId: number | null }; jurorIds: number[] }) {
  const ids = [...new Set(options.jurorIds)];
  const people = ids.length ? await db.selectFrom('people').select(['id', 'name', 'path', 'status']).where('id', 'in', ids).execute() : [];
  const managerPath = options.employee.managerId === null ? options.employee.path : options.employee.path.split('/').filter(Boolean).slice(0, -1).reduce((p, id) => `${p}${id}/`, '/');
  const problems: Record<number, { rule: string; message: string } | null> = {};
  for (const id of ids) {
    const person = people.find((p) => p.id === id);
    if (!person) problems[id] = { rule: 'JUROR_UNKNOWN', message: `there is no person ${id}` };
    else if (person.status !== 'active') problems[id] = { rule: 'JUROR_UNAVAILABLE', message: `${person.name} is not active` };
    else if (person.id === options.employee.id) problems[id] = { rule: 'JUROR_IN_CHAIN', message: `${person.name} is the employee` };
    else if (options.employee.path.startsWith(person.path)) problems[id] = { rule: 'JUROR_IN_CHAIN', message: `${person.name} is in the employee’s management chain` };
    else if (person.path.startsWith(managerPath)) problems[id] = { rule: 'JUROR_IN_CHAIN', message: `${person.name} reports into the employee’s manager` };
    else problems[id] = null;
  }
  return problems;
}

/**
 * The appeals the signed-in person sits on as a juror, with the papers they need and nothing
 * else of the case: the employee's statement, the PIP goals and the manager's outcome note.
 */
export async function listJuryDuties(db: Kysely<DB>, options: { actor: Actor; now: Date; requestId?: string }) {
  if (options.actor.personId === null) return { duties: [] };
  const rows = await db
    .selectFrom('pipeline_cases as c')
    .innerJoin('people as p', 'p.id', 'c.person_id')
    .select(['c.id', 'c.version', 'c.state', 'p.id as person_id', 'p.name'])
    .where('c.stage', '=', 'appeal')
    .where('c.state', '@>', JSON.stringify({ appeal: { jurors: [{ personId: options.actor.personId }] } }))
    .orderBy('c.id')
    .execute();
  await logPipelineRead(db, { actor: options.actor, resource: 'jury-papers', subjects: rows.map((r) => ({ personId: r.person_id, caseId: r.id })), requestId: options.requestId, now: options.now });
  return {
    duties: rows.map((r) => {
      const state = r.state as CaseState;
      return {
        caseId: r.id,
        person: { id: r.person_id, name: r.name },
        statement: state.appeal!.statement,
        pipGoals: state.pip?.goals ?? [],
        pipOutcomeNote: state.pip?.outcome?.note ?? '',
        verdictDueAt: state.appeal!.verdictDueAt,
        myVote: state.appeal!.jurors.find((j) => j.personId === options.actor.personId)?.vote ?? null,
        version: r.version,
      };
    }),
  };
}
