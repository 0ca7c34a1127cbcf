import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../accounts/actor.ts';
import type { ComplexityAnalysis, complexityBodySchema } from '../shared/schemas/analytics-governance.ts';
import { authorizeHrAnalytics } from './analytics.access.ts';
import { attributeOf, dimensionLabel } from './audit-dimensions.rules.ts';
import { findCycle, findRootInScope, loadRatedPeople } from './audit-population.repository.ts';
import { auditWithMemory } from './audit-with-memory.service.ts';
import { activeAnalyticsPolicy, minGroupFor } from './analytics-policy.service.ts';
import { analysisRefused } from './analysis-problems.ts';
import { favourableProblems, OUTCOME_SCALES } from './app-outcomes.rules.ts';
import { compareGaps, complexityScores, describeComplexity, ratingByComplexity } from './complexity.rules.ts';

/**
 * Ratings against workload complexity (a person attribute such as scope or project size): do
 * ratings track complexity, and does a group gap persist once people doing work of the same
 * complexity are compared? The gap is the bias audit's, run twice over the people with a
 * complexity recorded (within the controls, then within the controls and complexity), with
 * suppression remembered across this reader's reports like every in-app audit.
 */
export async function analyseComplexity(db: Kysely<DB>, options: { actor: Actor; body: z.output<typeof complexityBodySchema>; now: Date }): Promise<ComplexityAnalysis> {
  const { actor, body, now } = options;
  authorizeHrAnalytics(actor);
  const minGroup = minGroupFor(await activeAnalyticsPolicy(db), body.minGroup);
  const problems = favourableProblems(body.outcome, body.favourable);
  if (problems.length) throw analysisRefused(problems);
  const complexityDimension = `attribute:${body.complexity}`;
  if ([body.group, ...body.controls].includes(complexityDimension)) {
    throw analysisRefused([{ line: null, column: '-', reason: `The complexity attribute ${JSON.stringify(body.complexity)} cannot also be the group or a control.` }]);
  }
  const root = body.rootPersonId === undefined ? null : await findRootInScope(db, { actor, personId: body.rootPersonId });
  const cycle = await findCycle(db, body.cycleId);
  const attributes = [...new Set([body.complexity, ...[body.group, ...body.controls].map(attributeOf).filter((a): a is string => a !== null)])];
  const rated = await loadRatedPeople(db, { actor, cycleId: cycle.id, rootPath: root?.path ?? null, attributes, outcome: body.outcome });
  const people = rated.filter((p) => p.attributes[body.complexity] !== undefined);
  if (people.length === 0) throw analysisRefused([{ line: null, column: '-', reason: `Nobody rated in this cycle and in your scope has the attribute ${JSON.stringify(body.complexity)} recorded.` }]);
  const scores = complexityScores(people.map((p) => p.attributes[body.complexity]!), body.complexityOrder, body.complexity);
  if (!scores.ok) throw analysisRefused(scores.problems);

  const favourable = new Set(body.favourable);
  const byComplexity = ratingByComplexity(people.map((p) => ({ complexity: p.attributes[body.complexity]!, favourable: favourable.has(p.outcome) })), scores.value, minGroup);
  const scale = OUTCOME_SCALES[body.outcome];
  const asOf = cycle.launchedAt ?? now;
  const run = (controls: string[]) =>
    db.transaction().execute((trx) =>
      auditWithMemory(trx, {
        accountId: actor.accountId,
        source: `ratings:cycle:${cycle.id}`,
        people,
        views: [{ outcomeLabel: scale.label, outcomes: people.map((p) => p.outcome), grades: null }],
        favourable: body.favourable,
        group: body.group,
        controls,
        minGroup,
        ...(body.reference !== undefined ? { reference: body.reference } : {}),
        asOf,
        now,
      }),
    );
  const [before] = await run(body.controls);
  if (!before!.ok) throw analysisRefused(before!.problems);
  const [after] = await run([...body.controls, complexityDimension]);
  if (!after!.ok) throw analysisRefused(after!.problems);
  const gaps = compareGaps(before!.report, after!.report);
  return {
    complexity: body.complexity,
    minGroup,
    notRecorded: rated.length - people.length,
    byComplexity,
    gaps,
    findings: [
      ...(rated.length > people.length ? [`${rated.length - people.length} rated people have no ${body.complexity} recorded and are left out.`] : []),
      ...describeComplexity({ complexityLabel: body.complexity, baseControls: body.controls.map(dimensionLabel).join(' and '), trend: byComplexity, gaps, groupLabel: dimensionLabel(body.group) }),
    ],
  };
}
