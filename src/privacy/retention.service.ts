import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { activePolicy } from '../policy/policy.service.ts';
import { DEFAULT_PRIVACY_POLICY, type RetentionPolicy } from '../policy/privacy.schema.ts';
import { PARTITIONED_TABLES } from '../db/migrations/20261129T2020_metrics.ts';
import { retentionCutoffs, type RetentionCutoff, type RetentionTarget } from './retention.rules.ts';

export const RETENTION_ACTION = 'privacy.retention.applied';

export interface RetentionRun {
  dryRun: boolean;
  cutoffs: RetentionCutoff[];
  /** Rows past retention per target: deleted, or on a dry run, that would be. */
  counts: Record<RetentionTarget, number>;
  /** The same, per table. */
  tables: Record<string, number>;
}

/** The retention section of the organisation's active policy; versions without one keep everything. */
export async function activeRetentionPolicy(db: Kysely<DB>): Promise<RetentionPolicy> {
  const { policy } = await activePolicy(db);
  return (policy.privacy ?? DEFAULT_PRIVACY_POLICY).retention;
}

/**
 * Deletes what is past the active policy's retention periods, in one transaction, and audits the
 * counts. Idempotent: a second run finds nothing and writes nothing (no audit entry either). A
 * dry run counts the same rows with the same predicates and changes nothing.
 */
export async function applyRetention(db: Kysely<DB>, options: { now: Date; dryRun?: boolean; actorAccountId?: number | null; policy?: RetentionPolicy }): Promise<RetentionRun> {
  const dryRun = options.dryRun ?? false;
  const cutoffs = retentionCutoffs(options.policy ?? (await activeRetentionPolicy(db)), options.now);
  return db.transaction().execute(async (trx) => {
    const tables: Record<string, number> = {};
    const counts = {} as Record<RetentionTarget, number>;
    for (const cutoff of cutoffs) {
      counts[cutoff.target] = 0;
      if (!cutoff.before) continue;
      for (const step of stepsFor(cutoff)) {
        const n = await step.run(trx, dryRun);
        tables[step.table] = (tables[step.table] ?? 0) + n;
        counts[cutoff.target] += n;
      }
    }
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    if (!dryRun && total > 0) {
      await appendAuditEvent(trx, {
        actorAccountId: options.actorAccountId ?? null,
        action: RETENTION_ACTION,
        subjectType: 'retention',
        details: { counts, tables, cutoffs: Object.fromEntries(cutoffs.filter((c) => c.before).map((c) => [c.target, { days: c.days, before: c.before!.toISOString() }])) },
        at: options.now,
      });
    }
    return { dryRun, cutoffs, counts, tables };
  });
}

interface Step {
  table: string;
  run(trx: Transaction<DB>, dryRun: boolean): Promise<number>;
}

/** A delete (or its count) on `table` where `where` holds; `where` is a fixed SQL fragment per target. */
function step(table: string, where: ReturnType<typeof sql>): Step {
  const name = sql.table(table);
  return {
    table,
    async run(trx, dryRun) {
      if (dryRun) {
        const { rows } = await sql<{ n: string | number }>`select count(*) as n from ${name} where ${where}`.execute(trx);
        return Number(rows[0]!.n);
      }
      const result = await sql`delete from ${name} where ${where}`.execute(trx);
      return Number(result.numAffectedRows ?? 0n);
    },
  };
}

function stepsFor(cutoff: RetentionCutoff): Step[] {
  const before = cutoff.before!;
  switch (cutoff.target) {
    case 'sessions':
      return [step('sessions', sql`expires_at < ${before}`)];
    case 'signInAttempts':
      return [step('sign_in_attempts', sql`at < ${before}`)];
    case 'notifications':
      return [step('notifications', sql`created_at < ${before}`)];
    case 'analyticsDatasets':
      return [step('analytics_datasets', sql`uploaded_at < ${before}`)];
    case 'sensitiveReads':
      return [step('sensitive_reads', sql`at < ${before}`)];
    case 'metricsEvents':
      return PARTITIONED_TABLES.map((table) => step(table, sql`occurred_at < ${before}`));
    case 'leaverFeedback': {
      // A leaver: status terminated, and the last recorded exit (or, with none recorded, the
      // last change to their record) before the cutoff. Someone rehired is active again.
      const leavers = sql`(select p.id from people p where p.status = 'terminated'
        and coalesce((select max(e.exit_date) from exits e where e.person_id = p.id), (p.updated_at at time zone 'UTC')::date) < ${cutoff.beforeDay}::date)`;
      return [
        step('feedback_log', sql`person_id in ${leavers}`),
        step('self_reviews', sql`person_id in ${leavers}`),
        step('manager_reviews', sql`person_id in ${leavers}`),
        step('peer_feedback', sql`subject_id in ${leavers}`),
        step('peer_requests', sql`subject_id in ${leavers}`),
        step('check_ins', sql`person_id in ${leavers}`),
        step('skip_level_notes', sql`person_id in ${leavers}`),
      ];
    }
  }
}
