import type { IsoDate } from './dates.rules.ts';
import { unvestedTranches, type Grant, type Tranche } from './vesting.rules.ts';

const DAY = 86_400_000;

function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

export interface BoomerangPackage {
  level: string;
  baseCents: number;
  /** The shares that were unvested on departure, each tranche moved later by the time away. */
  restored: Grant | null;
  daysAway: number;
}

/**
 * A returning employee gets the package they had before: the same level and base, and the shares
 * they walked away from. Each unvested tranche vests after the same time in service as it would
 * have, so it moves later by exactly the days spent away.
 */
export function boomerangPackage(input: { level: string; baseCents: number; grants: readonly Grant[]; departedOn: IsoDate; rehiredOn: IsoDate }): BoomerangPackage {
  const daysAway = daysBetween(input.departedOn, input.rehiredOn);
  if (daysAway < 0) throw new RangeError('the rehire date is before the departure');
  const tranches: Tranche[] = unvestedTranches(input.grants, input.departedOn)
    .map((t) => ({ on: addDays(t.on, daysAway), shares: t.shares }))
    .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const shares = tranches.reduce((sum, t) => sum + t.shares, 0);
  return {
    level: input.level,
    baseCents: input.baseCents,
    restored: shares > 0 ? { kind: 'boomerang', grantDate: input.rehiredOn, shares, tranches } : null,
    daysAway,
  };
}
