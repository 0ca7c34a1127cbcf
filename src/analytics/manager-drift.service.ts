import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../accounts/actor.ts';
import type { AppDrift, driftQuerySchema } from '../shared/schemas/analytics.ts';
import { authorizeHrAnalytics } from './analytics.access.ts';
import { findCycle, findRootInScope, loadRatedPeople } from './audit-population.repository.ts';
import { prepareManagerCounts } from './drift-input.ts';
import { assessManagerDrift, DEFAULT_FLAG_PROBABILITY } from './manager-drift.ts';
import { analysisRefused } from './analysis-problems.ts';
import { favourableProblems, OUTCOME_SCALES } from './app-outcomes.rules.ts';

/**
 * Manager calibration drift over a cycle's ratings in the reader's scope: each proposing manager's
 * share of the chosen ratings against the organisation's, shrunk by the offline command's
 * beta-binomial. The ratings go through the same table reader and checks as `highbar audit
 * managers`. Managers are named: this is for HR, who see those ratings anyway; not suppressed.
 */
export async function assessCycleDrift(db: Kysely<DB>, options: { actor: Actor; query: z.output<typeof driftQuerySchema> }): Promise<AppDrift> {
  const { actor, query } = options;
  authorizeHrAnalytics(actor);
  const problems = favourableProblems(query.outcome, query.favourable);
  if (problems.length) throw analysisRefused(problems);
  const cycle = await findCycle(db, query.cycleId);
  const root = query.rootPersonId === undefined ? null : await findRootInScope(db, { actor, personId: query.rootPersonId });
  const people = await loadRatedPeople(db, { actor, cycleId: cycle.id, rootPath: root?.path ?? null, attributes: [], outcome: query.outcome });
  const managers = new Set(people.flatMap((p) => (p.manager ? [p.manager.id] : [])));
  if (managers.size < 2) {
    // The engine would speak of a file; here the rows are people.
    const named = managers.size === 0 ? (people.length === 0 ? 'There are no ratings in scope' : 'No rating in scope names a manager') : 'The ratings in scope name 1 manager';
    throw analysisRefused([{ line: null, column: '-', reason: `${named}; drift compares at least two managers with the organisation.` }]);
  }
  const label = OUTCOME_SCALES[query.outcome].label;
  const table = { header: [label, 'manager'], rows: people.map((p, i) => ({ line: i + 2, cells: [p.outcome, p.manager ? String(p.manager.id) : ''] })) };
  const prepared = prepareManagerCounts(table, { outcome: label, favourable: query.favourable, manager: 'manager' });
  if (!prepared.ok) throw analysisRefused(prepared.problems);
  const report = assessManagerDrift(prepared.value.counts, query.flagProbability ?? DEFAULT_FLAG_PROBABILITY);
  const names = new Map(people.flatMap((p) => (p.manager ? [[p.manager.id, p.manager.name] as const] : [])));
  return {
    orgRate: report.orgRate,
    prior: report.prior,
    flagProbability: report.flagProbability,
    rowsWithoutManager: prepared.value.withoutManager,
    managers: report.managers.map(({ manager, ...counts }) => ({ manager: { id: Number(manager), name: names.get(Number(manager)) ?? '' }, ...counts })),
  };
}
