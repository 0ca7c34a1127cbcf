import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../accounts/actor.ts';
import { AppError } from '../shared/errors.ts';
import type { UraGovernance, uraGovernanceQuerySchema } from '../shared/schemas/analytics-governance.ts';
import { activePolicy } from '../policy/policy.service.ts';
import { uraYear } from '../pipeline/ura.rules.ts';
import { logPipelineRead } from '../pipeline/pipeline.access.ts';
import { authorizeHrAnalytics } from './analytics.access.ts';
import { findCycle, findRootInScope } from './audit-population.repository.ts';
import { activeAnalyticsPolicy, minGroupFor } from './analytics-policy.service.ts';
import { analysisRefused } from './analysis-problems.ts';
import { uraGovernance, type OrganisationOutcomes } from './ura-governance.rules.ts';

/**
 * URA governance for a cycle: each organisation one level below the root (the cycle's root, or
 * the person asked for), its URA target and URA so far this year, and the share of its people the
 * cycle rated LE or placed in Focus; then whether those cluster where URA is behind target.
 * Reading pipeline data, even in aggregate, is logged as the URA dashboard's reads are.
 */
export async function assessUraGovernance(db: Kysely<DB>, options: { actor: Actor; query: z.output<typeof uraGovernanceQuerySchema>; now: Date; requestId?: string }): Promise<UraGovernance> {
  const { actor, query, now } = options;
  authorizeHrAnalytics(actor);
  const minGroup = minGroupFor(await activeAnalyticsPolicy(db), query.minGroup);
  const cycle = await findCycle(db, query.cycleId);
  const cycleRow = await db.selectFrom('review_cycles').select('root_person_id').where('id', '=', cycle.id).executeTakeFirstOrThrow();
  const root = await findRootInScope(db, { actor, personId: query.rootPersonId ?? cycleRow.root_person_id });
  const pipeline = (await activePolicy(db)).policy.pipeline;
  if (!pipeline) throw new AppError('CONFLICT', { detail: 'The active policy has no pipeline rules, so no URA target.', extra: { rule: 'POLICY_HAS_NO_PIPELINE' } });
  const year = query.year ?? (cycle.launchedAt ?? now).getUTCFullYear();
  const endOfYear = `${year}-12-31`;
  const today = now.toISOString().slice(0, 10);
  const asOf = today < endOfYear ? today : endOfYear;
  if (asOf < `${year}-01-01`) throw analysisRefused([{ line: null, column: '-', reason: `The year ${year} has not begun: there is no URA so far.` }]);
  const quarterIndex = asOf.startsWith(String(year)) ? Math.floor((Number(asOf.slice(5, 7)) - 1) / 3) : 3;

  const heads = await db
    .selectFrom('people as p')
    .select(['p.id', 'p.name', 'p.path'])
    .where('p.manager_id', '=', root.id)
    .where((eb) => eb.exists(eb.selectFrom('people as r').select('r.id').whereRef('r.manager_id', '=', 'p.id')))
    .orderBy('p.name')
    .execute();
  const targets = heads.length ? await db.selectFrom('ura_targets').select(['root_person_id', 'target_percent']).where('year', '=', year).where('root_person_id', 'in', heads.map((h) => h.id)).execute() : [];
  const le = new Set<string>(pipeline.identification.ratings);
  const organisations: OrganisationOutcomes[] = [];
  for (const head of heads) {
    const [people, exits, ratings, focus] = await Promise.all([
      db.selectFrom('people').select(['id', 'hire_date']).where('path', 'like', `${head.path}%`).execute(),
      db
        .selectFrom('exits as e')
        .innerJoin('people as p', 'p.id', 'e.person_id')
        .select(['e.person_id', 'e.exit_date', 'e.kind', 'e.regretted'])
        .where('p.path', 'like', `${head.path}%`)
        .where('e.exit_date', '<=', asOf)
        .execute(),
      db
        .selectFrom('calibrated_ratings as cr')
        .innerJoin('people as p', 'p.id', 'cr.person_id')
        .select(['cr.person_id', 'cr.ov'])
        .where('cr.cycle_id', '=', cycle.id)
        .where('p.path', 'like', `${head.path}%`)
        .execute(),
      db
        .selectFrom('pipeline_cases as c')
        .innerJoin('people as p', 'p.id', 'c.person_id')
        .select('c.person_id')
        .distinct()
        .where('c.cycle_id', '=', cycle.id)
        .where('p.path', 'like', `${head.path}%`)
        .where((eb) => eb.or([eb('c.stage', '=', 'focus'), eb.exists(eb.selectFrom('pipeline_events as ev').select('ev.id').whereRef('ev.case_id', '=', 'c.id').where('ev.to_stage', '=', 'focus'))]))
        .execute(),
    ]);
    const own = targets.find((t) => t.root_person_id === head.id);
    const targetPercent = own ? Number(own.target_percent) : pipeline.ura.targetPercent;
    const ura = uraYear({ year, people: people.map((p) => ({ personId: p.id, hireDate: p.hire_date })), exits: exits.map((e) => ({ personId: e.person_id, exitDate: e.exit_date, kind: e.kind, regretted: e.regretted })), targetPercent });
    const quarter = ura.quarters[quarterIndex]!;
    const ratedIds = new Set(ratings.map((r) => r.person_id));
    organisations.push({
      name: `${head.name} (#${head.id})`,
      targetPercent,
      targetToDatePercent: quarter.targetToDatePercent,
      uraToDatePercent: quarter.cumulativeUnregrettedPercent,
      rated: ratings.length,
      le: ratings.filter((r) => le.has(r.ov)).length,
      focus: focus.filter((f) => ratedIds.has(f.person_id)).length,
    });
  }
  await logPipelineRead(db, { actor, resource: 'ura-governance', subjects: [{ personId: null, caseId: null }], ...(options.requestId !== undefined ? { requestId: options.requestId } : {}), now });
  return { cycleId: cycle.id, year, asOf, ...uraGovernance(organisations, { minGroup }) };
}
