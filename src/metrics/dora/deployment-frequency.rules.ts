import { MS_PER_DAY, utcDay } from '../timestamps.rules.ts';
import { deploymentFrequencyLevel, type DoraLevel, type DoraReportYear } from './benchmarks.rules.ts';
import { median, sixMonthMedian, type MedianConvention } from './median.rules.ts';

/** A range of whole UTC days, both ends included. */
export interface DayRange {
  /** 00:00 UTC of the first day. */
  from: number;
  /** 00:00 UTC of the last day. */
  to: number;
}

export function inDayRange(range: DayRange, ms: number): boolean {
  return ms >= range.from && ms < range.to + MS_PER_DAY;
}

export interface DeploymentFrequency {
  deployments: number;
  deployDays: number;
  medianDeployDaysPerWeek: number | null;
  medianDeployDaysPerMonth: number | null;
  medianDeployDaysPerSixMonths: number | null;
  level: DoraLevel | null;
}

/**
 * DevLake's deployment frequency, counted in deployment days (UTC days with at least one
 * production deployment), not deployments. Every calendar day of the range belongs to its
 * Monday-to-Sunday week and its calendar month, partial ones at the edges included, so quiet
 * weeks count as 0. Six-month windows are the rolling sums of six consecutive months sampled
 * every sixth month back from the last one, restarting at DevLake's partition boundary.
 *
 * `finishes` holds one finish time per deployment (DevLake folds the commits of one pipeline
 * into one deployment at its last finish).
 */
export function deploymentFrequency(
  finishes: readonly number[],
  range: DayRange,
  options: { report: DoraReportYear; median: MedianConvention },
): DeploymentFrequency {
  const perDay = new Map<string, number>();
  for (const ms of finishes) {
    if (!inDayRange(range, ms)) continue;
    const day = utcDay(ms);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  return deploymentFrequencyFromDays(perDay, range, options);
}

/**
 * The same from deployments counted per UTC day (`YYYY-MM-DD`), as the stored daily rollup
 * holds them; days outside the range are ignored.
 */
export function deploymentFrequencyFromDays(
  perDay: ReadonlyMap<string, number>,
  range: DayRange,
  options: { report: DoraReportYear; median: MedianConvention },
): DeploymentFrequency {
  let deployments = 0;
  const deployDays = new Set<string>();
  const weeks = new Map<number, number>();
  const months = new Map<string, number>();
  for (let day = range.from; day <= range.to; day += MS_PER_DAY) {
    const name = utcDay(day);
    const count = perDay.get(name) ?? 0;
    deployments += count;
    if (count > 0) deployDays.add(name);
    const deployed = count > 0 ? 1 : 0;
    // MySQL WEEKDAY(): Monday is 0.
    const monday = day - ((new Date(day).getUTCDay() + 6) % 7) * MS_PER_DAY;
    weeks.set(monday, (weeks.get(monday) ?? 0) + deployed);
    const month = name.slice(0, 7);
    months.set(month, (months.get(month) ?? 0) + deployed);
  }
  const perWeek = median([...weeks.values()], options.median);
  const perMonth = median([...months.values()], options.median);
  const perSixMonths = sixMonthMedian(sixMonthWindows([...months.entries()]), options.median);
  return {
    deployments,
    deployDays: deployDays.size,
    medianDeployDaysPerWeek: perWeek,
    medianDeployDaysPerMonth: perMonth,
    medianDeployDaysPerSixMonths: perSixMonths,
    level: deploymentFrequencyLevel(options.report, { perWeek, perMonth, perSixMonths }),
  };
}

/**
 * The sampled six-month sums of DevLake's `_days_six_months_deploy`: a rolling sum over the
 * month and the five before it (fewer at the start), keeping row numbers 1, 7, 13, ... counted
 * back from the latest month. DevLake partitions those row numbers by
 * `DATE_FORMAT(month, '%Y-%m') DIV 6`, which MySQL evaluates as `year DIV 6`, so the sampling
 * restarts at years divisible by 6 (2022, 2028); we keep that quirk.
 */
export function sixMonthWindows(monthDays: readonly (readonly [string, number])[]): number[] {
  const months = [...monthDays].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const sums = months.map((_, i) => months.slice(Math.max(0, i - 5), i + 1).reduce((total, [, days]) => total + days, 0));
  const rowNumber = new Map<number, number>();
  const sampled: number[] = [];
  for (let i = months.length - 1; i >= 0; i--) {
    const partition = Math.floor(Number(months[i]![0].slice(0, 4)) / 6);
    const rn = (rowNumber.get(partition) ?? 0) + 1;
    rowNumber.set(partition, rn);
    if (rn % 6 === 1) sampled.push(sums[i]!);
  }
  return sampled;
}
