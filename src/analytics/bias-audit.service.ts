import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../accounts/actor.ts';
import type { AppBiasAudit, AppBiasAuditBody } from '../shared/schemas/analytics.ts';
import { authorizeHrAnalytics } from './analytics.access.ts';
import { attributeOf } from './audit-dimensions.rules.ts';
import { findCycle, findRootInScope, loadPeopleWithExit, loadRatedPeople } from './audit-population.repository.ts';
import { auditWithMemory } from './audit-with-memory.service.ts';
import { DISCLOSURE_MEMORY_DAYS } from './disclosure.repository.ts';
import { analysisRefused } from './analysis-problems.ts';
import { activeAnalyticsPolicy, minGroupFor } from './analytics-policy.service.ts';
import { favourableProblems, OUTCOME_SCALES } from './app-outcomes.rules.ts';

/**
 * A bias audit of the app's own data for an HR partner: a cycle's calibrated ratings (OV or Forte
 * summary) or leaving, by a grouping, within control strata, over the people in their scope (or a
 * subtree of it). The statistics are the offline command's; suppression also holds across this
 * reader's reports (audit-with-memory.service.ts).
 */
export async function auditAppBias(db: Kysely<DB>, options: { actor: Actor; body: AppBiasAuditBody; now: Date }): Promise<AppBiasAudit> {
  const { actor, body, now } = options;
  authorizeHrAnalytics(actor);
  const minGroup = minGroupFor(await activeAnalyticsPolicy(db), body.minGroup);
  const problems = favourableProblems(body.outcome, body.favourable);
  if (problems.length) throw analysisRefused(problems);
  const root = body.rootPersonId === undefined ? null : await findRootInScope(db, { actor, personId: body.rootPersonId });
  const attributes = [body.group, ...body.controls].map(attributeOf).filter((a): a is string => a !== null);
  const rootPath = root?.path ?? null;

  let people;
  let source: string;
  let asOf = now;
  if (body.outcome === 'exit') {
    people = await loadPeopleWithExit(db, { actor, rootPath, attributes });
    source = 'people';
  } else {
    const cycle = await findCycle(db, body.cycleId!);
    people = await loadRatedPeople(db, { actor, cycleId: cycle.id, rootPath, attributes, outcome: body.outcome });
    source = `ratings:cycle:${cycle.id}`;
    // Tenure as it was when the cycle began, not as it is when someone reads the audit later.
    asOf = cycle.launchedAt ?? now;
  }
  const scale = OUTCOME_SCALES[body.outcome];
  const [result] = await db.transaction().execute((trx) =>
    auditWithMemory(trx, {
      accountId: actor.accountId,
      source,
      people,
      views: [{ outcomeLabel: scale.label, outcomes: people.map((p) => p.outcome), grades: scale.graded ? scale.values : null }],
      favourable: body.favourable,
      group: body.group,
      controls: body.controls,
      minGroup,
      ...(body.reference !== undefined ? { reference: body.reference } : {}),
      asOf,
      now,
    }),
  );
  if (!result!.ok) throw analysisRefused(result!.problems);
  return { report: result!.report, hiddenAcrossReports: result!.hiddenAcrossReports, memoryDays: DISCLOSURE_MEMORY_DAYS };
}
