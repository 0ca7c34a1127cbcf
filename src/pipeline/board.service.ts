import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../accounts/actor.ts';
import { hrSubtrees, logPipelineRead } from './pipeline.access.ts';
import { isOverdue } from './deadlines.rules.ts';
import { pipelineBoard } from './board.rules.ts';
import type { CaseState } from './pipeline.rules.ts';

/**
 * HR's pipeline board for their scope (or one organisation of it): counts per stage, time in
 * stage, pass rates and outcomes by organisation. Aggregates only, no names; the read is logged.
 */
export async function pipelineBoardFor(db: Kysely<DB>, options: { actor: Actor; rootPersonId?: number; now: Date; requestId?: string }) {
  const roots = await hrSubtrees(db, options.actor, options.rootPersonId);
  const rows = roots.length
    ? await db
        .selectFrom('pipeline_cases as c')
        .innerJoin('people as p', 'p.id', 'c.person_id')
        .innerJoin('policies as pol', 'pol.id', 'c.policy_id')
        .select(['c.state', 'p.path', 'pol.document'])
        .where((eb) => eb.or(roots.map((r) => eb('p.path', 'like', `${r.path}%`))))
        .where('c.person_id', '!=', options.actor.personId ?? -1)
        .execute()
    : [];
  // Organisations: one level below each root (the root's direct reports who lead an organisation), else the root.
  const orgs = roots.length
    ? await db.selectFrom('people').select(['id', 'name', 'path']).where('manager_id', 'in', roots.map((r) => r.id)).orderBy('name').execute()
    : [];
  await logPipelineRead(db, { actor: options.actor, resource: 'board', subjects: [{ personId: null, caseId: null }], requestId: options.requestId, now: options.now });
  const focusLabel = (rows[0]?.document as { pipeline?: { focus?: { label?: string } } } | undefined)?.pipeline?.focus?.label ?? 'Focus';
  return pipelineBoard({
    cases: rows.map((r) => ({ state: r.state as CaseState, path: r.path })),
    organisations: [...orgs, ...roots.filter((r) => !orgs.some((o) => o.path.startsWith(r.path)))],
    now: options.now,
    focusLabel,
    isOverdue,
  });
}
