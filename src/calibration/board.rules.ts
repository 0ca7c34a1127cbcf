import type { OlrPolicy, OvRating } from '../policy/olr.schema.ts';
import { checkDistribution, countRatings } from './distribution.rules.ts';

export interface BoardPerson {
  personId: number;
  managerId: number | null;
  level: string;
  performance: number;
  potential: number;
  ov: OvRating;
}

/** The distribution of a group against the policy's targets: counts, allowed ranges, violations. */
export function groupDistribution(olr: OlrPolicy, ovs: Iterable<OvRating>) {
  const counts = countRatings(ovs);
  return { counts, ...checkDistribution(olr.distribution, counts) };
}

/** Groups in first-seen order. Appends in place: copying a group per member is quadratic on a board of thousands. */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Each manager's reports in the session, people without a manager left out. */
export function managedGroups(people: readonly BoardPerson[]): Map<number, BoardPerson[]> {
  const groups = groupBy(people, (p) => p.managerId);
  groups.delete(null);
  return groups as Map<number, BoardPerson[]>;
}

/** How far (in scale steps) a rating must sit from the mean of same-level peers to be flagged. */
export const OUTLIER_STEPS = 2;
/** Peers needed at a level before anyone there is compared with them. */
export const OUTLIER_MIN_PEERS = 4;

/**
 * People whose performance rating is far from their same-level peers' in this session, to be
 * discussed rather than assumed wrong: at least OUTLIER_STEPS from the mean of the others at the
 * level (leaving the person out, so they do not pull the mean towards themselves).
 */
export function levelOutliers(people: readonly BoardPerson[]): Map<number, 'far-above-level-peers' | 'far-below-level-peers'> {
  const byLevel = groupBy(people, (p) => p.level);
  const flags = new Map<number, 'far-above-level-peers' | 'far-below-level-peers'>();
  for (const group of byLevel.values()) {
    if (group.length - 1 < OUTLIER_MIN_PEERS) continue;
    const total = group.reduce((sum, p) => sum + p.performance, 0);
    for (const p of group) {
      const othersMean = (total - p.performance) / (group.length - 1);
      if (p.performance - othersMean >= OUTLIER_STEPS) flags.set(p.personId, 'far-above-level-peers');
      else if (othersMean - p.performance >= OUTLIER_STEPS) flags.set(p.personId, 'far-below-level-peers');
    }
  }
  return flags;
}

/** Reports a manager needs before their share of a rating is compared with the organisation's. */
export const MANAGER_MIN_REPORTS = 4;
/** How far (as a share) a manager's rate must exceed the organisation's to be flagged. */
export const MANAGER_SHARE_MARGIN = 0.25;

/**
 * Managers whose share of TT or of LE is unusual against the session as a whole. A handful of
 * reports says little, so managers with fewer than MANAGER_MIN_REPORTS are not compared, and a
 * flag needs the share to exceed the organisation's by MANAGER_SHARE_MARGIN and by more than one
 * person's worth. (The people-analytics audit applies empirical-Bayes shrinkage to the same
 * question across whole organisations; in a session, a plain, explainable rule is what the room
 * can discuss.)
 */
export function managerShareFlags(people: readonly BoardPerson[]): { managerId: number; rating: OvRating; share: number; orgShare: number; n: number }[] {
  const flags: { managerId: number; rating: OvRating; share: number; orgShare: number; n: number }[] = [];
  if (!people.length) return flags;
  const byManager = managedGroups(people);
  for (const rating of ['TT', 'LE'] as const) {
    const orgShare = people.filter((p) => p.ov === rating).length / people.length;
    for (const [managerId, reports] of byManager) {
      if (reports.length < MANAGER_MIN_REPORTS) continue;
      const count = reports.filter((p) => p.ov === rating).length;
      const share = count / reports.length;
      if (share - orgShare >= MANAGER_SHARE_MARGIN && count - orgShare * reports.length > 1) {
        flags.push({ managerId, rating, share, orgShare, n: reports.length });
      }
    }
  }
  return flags.sort((a, b) => b.share - b.orgShare - (a.share - a.orgShare));
}
