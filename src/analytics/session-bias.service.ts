import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { authorizeRunSession, loadSession } from '../calibration/calibration.access.ts';
import { forteSummaryOf } from '../calibration/ov-matrix.rules.ts';
import { sessionBiasQuerySchema, type SessionBiasAudit } from '../shared/schemas/analytics.ts';
import { activeAnalyticsPolicy, minGroupFor } from './analytics-policy.service.ts';
import type { z } from 'zod';
import { hrScopeCovers } from './analytics.access.ts';
import { attributeOf } from './audit-dimensions.rules.ts';
import { loadSessionPeople } from './audit-population.repository.ts';
import { auditWithMemory, type ViewResult } from './audit-with-memory.service.ts';
import { DISCLOSURE_MEMORY_DAYS } from './disclosure.repository.ts';
import { describeProblems } from './analysis-problems.ts';
import { favourableProblems, OUTCOME_SCALES } from './app-outcomes.rules.ts';

/**
 * The live bias audit of a calibration session: its current and its proposed ratings by a
 * grouping (gender unless asked otherwise) within levels, suppressed, for the people who run the
 * session. A demographic grouping needs an HR partner whose scope covers the session: an admin
 * runs the session but does not read demographics, and a panel that moves as they move one
 * person's rating would tell them that person's gender. Admins may group by the record fields
 * they already see (location, function, tenure, manager).
 */
export async function auditSessionBias(
  db: Kysely<DB>,
  options: { actor: Actor; sessionId: number; query: z.output<typeof sessionBiasQuerySchema>; now: Date },
): Promise<SessionBiasAudit> {
  const { actor, query } = options;
  const session = await loadSession(db, options.sessionId);
  authorizeRunSession(actor, session);
  const dimensions = [query.group, ...query.controls];
  const attributes = dimensions.map(attributeOf).filter((a): a is string => a !== null);
  if (attributes.length > 0 && !hrScopeCovers(actor, session.root.path)) {
    throw new AppError('FORBIDDEN', {
      detail: 'Demographic attributes are read by HR partners only. Group by location, jobFunction, tenure, manager or level instead.',
    });
  }
  const problems = favourableProblems(query.outcome, query.favourable);
  if (problems.length) throw new AppError('ANALYSIS_REFUSED', { detail: describeProblems(problems).join(' ') });

  const minGroup = minGroupFor(await activeAnalyticsPolicy(db), query.minGroup);
  const rows = await loadSessionPeople(db, { sessionId: session.id, attributes });
  const scale = OUTCOME_SCALES[query.outcome];
  const proposed = rows.map((r) => (query.outcome === 'ov' ? r.proposed_ov : forteSummaryOf(session.olr, r.proposed_performance)));
  const current = rows.map((r) => (query.outcome === 'ov' ? r.ov : r.forte_summary));
  const grades = scale.values;
  const results = await db.transaction().execute((trx) =>
    auditWithMemory(trx, {
      accountId: actor.accountId,
      source: `session:${session.id}`,
      people: rows.map((r) => r.person),
      views: [
        { outcomeLabel: `${scale.label} (current)`, outcomes: current, grades },
        { outcomeLabel: `${scale.label} (proposed)`, outcomes: proposed, grades },
      ],
      favourable: query.favourable,
      group: query.group,
      controls: query.controls,
      minGroup,
      ...(query.reference !== undefined ? { reference: query.reference } : {}),
      asOf: session.cycle.launchedAt ?? options.now,
      now: options.now,
    }),
  );
  return {
    session: { id: session.id, name: session.name, status: session.status },
    people: rows.length,
    current: present(results[0]!),
    proposed: present(results[1]!),
    memoryDays: DISCLOSURE_MEMORY_DAYS,
  };
}

function present(result: ViewResult): SessionBiasAudit['current'] {
  return result.ok ? result : { ok: false, problems: describeProblems(result.problems) };
}
