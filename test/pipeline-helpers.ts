import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB, OvRatingValue } from '../src/db/schema.ts';
import { launchCycle, type OlrOrg } from './olr-helpers.ts';

/**
 * A finalised calibration for a launched cycle, written directly (the calibration flow itself is
 * tested in src/calibration): each named person gets the given OV, everyone else in the org HV1.
 * Returns the cycle id.
 */
export async function finalisedCalibration(db: Kysely<DB>, app: FastifyInstance, org: OlrOrg, options: { policy: string; name: string; ratings: Map<number, OvRatingValue> }): Promise<number> {
  const cycleId = await launchCycle(app, org, options.policy, options.name);
  const { id: sessionId } = await db
    .insertInto('calibration_sessions')
    .values({ cycle_id: cycleId, root_person_id: org.people.director.id, name: `${options.name} session`, status: 'finalised', created_by: org.accounts.hr.id, finalised_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const people = [...org.people.managers, ...org.people.engineers];
  await db
    .insertInto('calibrated_ratings')
    .values(
      people.map((p) => {
        const ov = options.ratings.get(p.id) ?? 'HV1';
        const performance = ov === 'LE' ? 2 : 4;
        return { session_id: sessionId, cycle_id: cycleId, person_id: p.id, manager_id: null, proposed_performance: performance, proposed_potential: 2, proposed_ov: ov, performance, potential: 2, ov, forte_summary: ov === 'LE' ? 'Needs Improvement' : 'Meets High Bar', evidence_dimensions: '[]' };
      }),
    )
    .execute();
  return cycleId;
}

export const FOCUS_STEP = { type: 'startFocus', project: 'Own the nightly ledger reconciliation', successCriteria: 'Two weeks without a page', goals: ['Ship the retry path', 'Write the runbook'] };
export const PIVOT_STEP = { type: 'enterPivot', note: 'Reconciliation still pages nightly.', pipGoals: ['Close the three open incidents', 'Lead one design review'], pipLengthDays: 60 };
