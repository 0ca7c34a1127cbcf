import type { RetentionPolicy } from '../policy/privacy.schema.ts';

const DAY_MS = 86_400_000;

/** What the retention job deletes, one entry per policy setting (privacy.retention.*Days). */
export const RETENTION_TARGETS = ['sessions', 'signInAttempts', 'notifications', 'leaverFeedback', 'analyticsDatasets', 'metricsEvents', 'sensitiveReads'] as const;
export type RetentionTarget = (typeof RETENTION_TARGETS)[number];

export interface RetentionCutoff {
  target: RetentionTarget;
  /** The policy setting it comes from. */
  setting: `${RetentionTarget}Days`;
  days: number | null;
  /** Data from before this instant is past retention; null when the policy keeps it. */
  before: Date | null;
  /** The same cutoff as a calendar day (UTC), for date columns such as an exit date. */
  beforeDay: string | null;
}

/** The cutoff of each target at `now`: `days` whole days back, or none when the policy keeps the data. */
export function retentionCutoffs(policy: RetentionPolicy, now: Date): RetentionCutoff[] {
  return RETENTION_TARGETS.map((target) => {
    const setting = `${target}Days` as const;
    // A setting a stored version predates reads as null: keep.
    const days = policy[setting] ?? null;
    if (days === null) return { target, setting, days, before: null, beforeDay: null };
    const before = new Date(now.getTime() - days * DAY_MS);
    return { target, setting, days, before, beforeDay: before.toISOString().slice(0, 10) };
  });
}

/** One line per target for the dry run and the job's log: what would go, or why nothing does. */
export function describeRetention(cutoffs: readonly RetentionCutoff[], counts: Readonly<Partial<Record<RetentionTarget, number>>>): string[] {
  return cutoffs.map((c) =>
    c.before === null
      ? `${c.target}: kept (privacy.retention.${c.setting} is null)`
      : `${c.target}: ${counts[c.target] ?? 0} past ${c.days} days (before ${c.before.toISOString()})`,
  );
}
