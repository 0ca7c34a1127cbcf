import type { ForteSummary, OlrPolicy, OvRating } from '../policy/olr.schema.ts';
import { checkDistribution, countRatings, type RatingCounts } from './distribution.rules.ts';
import { forteSummaryOf, lookupOv } from './ov-matrix.rules.ts';
import type { RosterRow } from './roster-csv.rules.ts';

/** The document `highbar calibrate --format json` prints; field names are fixed by CONTRACTS.md. */
export interface RosterReport {
  policy: string;
  people: { employee_id: string; ov: OvRating; forte: ForteSummary }[];
  groups: {
    group: string | null;
    size: number;
    counts: RatingCounts;
    targets: { rating: OvRating; allowedMin: number; allowedMax: number; count: number; ok: boolean; applies: boolean }[];
  }[];
  violations: { group: string | null; rating: OvRating; count: number; allowedMin: number; allowedMax: number }[];
  forced: boolean;
}

/**
 * Computes each person's OV and Forte summary and checks every group against the policy's
 * distribution targets. Groups come in the order their first member appears in the roster; a
 * roster without a --group-by column is one group, named null.
 */
export function checkRoster(policyKey: string, olr: OlrPolicy, rows: readonly RosterRow[]): RosterReport {
  const people = rows.map((r) => ({ employee_id: r.employeeId, ov: lookupOv(olr, r.performance, r.potential), forte: forteSummaryOf(olr, r.performance) }));
  const members = new Map<string | null, OvRating[]>();
  rows.forEach((r, i) => {
    const list = members.get(r.group) ?? [];
    list.push(people[i]!.ov);
    members.set(r.group, list);
  });
  const groups: RosterReport['groups'] = [];
  const violations: RosterReport['violations'] = [];
  for (const [group, ovs] of members) {
    const counts = countRatings(ovs);
    const checked = checkDistribution(olr.distribution, counts);
    groups.push({
      group,
      size: checked.size,
      counts,
      targets: checked.targets.map((t) => ({ rating: t.rating, allowedMin: t.allowedMin, allowedMax: t.allowedMax, count: t.count, ok: t.ok, applies: t.applies })),
    });
    for (const v of checked.violations) violations.push({ group, rating: v.rating, count: v.count, allowedMin: v.allowedMin, allowedMax: v.allowedMax });
  }
  return { policy: policyKey, people, groups, violations, forced: olr.distribution.mode === 'forced' };
}

/** Exit 1 only when the policy forces its targets and a group misses one; guidelines only warn. */
export function rosterBlocked(report: RosterReport): boolean {
  return report.forced && report.violations.length > 0;
}
