/**
 * DORA performance levels with the thresholds of DevLake's DORA dashboard (`$dora_report`
 * 2021 or 2023). DevLake reads the reports' prose bands as hard cut-offs; where its panel text
 * and its SQL disagree we follow the SQL, since that is what the dashboard shows.
 */
export type DoraLevel = 'elite' | 'high' | 'medium' | 'low';
export type DoraReportYear = 2021 | 2023;
export const DORA_REPORTS: readonly DoraReportYear[] = [2021, 2023];

const HOUR = 60;
const DAY = 24 * HOUR;

/**
 * Deployment frequency from median deployment days. Elite is `>= 5` days a week in the SQL
 * (the panel description says 7; Four Keys calls 3+ "daily"). A NULL six-monthly median is
 * DevLake's "not collected", which yields no level rather than `low`.
 */
export function deploymentFrequencyLevel(
  report: DoraReportYear,
  medians: { perWeek: number | null; perMonth: number | null; perSixMonths: number | null },
): DoraLevel | null {
  const { perWeek, perMonth, perSixMonths } = medians;
  if (perWeek !== null && perWeek >= 5) return 'elite';
  if (report === 2023) {
    if (perWeek !== null && perWeek >= 1) return 'high';
    if (perMonth !== null && perMonth >= 1) return 'medium';
    if (perMonth !== null && perMonth < 1 && perSixMonths !== null) return 'low';
    return null;
  }
  if (perMonth !== null && perMonth >= 1) return 'high';
  if (perSixMonths !== null && perSixMonths >= 1) return 'medium';
  if (perSixMonths !== null && perSixMonths < 1) return 'low';
  return null;
}

/** Lead time for changes from the median in minutes (2023: day / week / month; 2021: hour / week / six months). */
export function leadTimeLevel(report: DoraReportYear, medianMinutes: number | null): DoraLevel | null {
  if (medianMinutes === null) return null;
  const [elite, high, medium] = report === 2023 ? [DAY, 7 * DAY, 30 * DAY] : [HOUR, 7 * DAY, 180 * DAY];
  return medianMinutes < elite ? 'elite' : medianMinutes < high ? 'high' : medianMinutes < medium ? 'medium' : 'low';
}

/**
 * Change failure rate (failed deployments / deployments). Bounds are inclusive: 2023 elite up to
 * 5%, high 10%, medium 15%; 2021 elite up to 15%, high 20%, medium 30%. Compared on the exact
 * fraction (MySQL would round the division to 4 decimals first, which matters only past 20,000
 * deployments).
 */
export function changeFailureRateLevel(report: DoraReportYear, counts: { failed: number; deployments: number }): DoraLevel | null {
  const { failed, deployments } = counts;
  if (deployments === 0) return null;
  const [elite, high, medium] = report === 2023 ? [5, 10, 15] : [15, 20, 30];
  // failed / deployments <= p% without floating point: 100 * failed <= p * deployments.
  const within = (percent: number) => 100 * failed <= percent * deployments;
  return within(elite) ? 'elite' : within(high) ? 'high' : within(medium) ? 'medium' : 'low';
}

/** Time to restore (2021) and failed deployment recovery time (2023) share hour / day / week bands. */
export function recoveryLevel(medianMinutes: number | null): DoraLevel | null {
  if (medianMinutes === null) return null;
  return medianMinutes < HOUR ? 'elite' : medianMinutes < DAY ? 'high' : medianMinutes < 7 * DAY ? 'medium' : 'low';
}

/** A level's bounds for charts: `upTo` is the level's limit (exclusive for times, inclusive for rates). */
export interface BenchmarkBand {
  level: DoraLevel;
  upTo: number | null;
}

/**
 * The bands of each metric for a report, as the dashboard draws them behind a trend: lead time
 * and recovery in minutes, change failure rate as a fraction, frequency in median deployment
 * days per week (elite) and month (high, medium in 2023).
 */
export function benchmarkBands(report: DoraReportYear): { leadTimeMinutes: BenchmarkBand[]; recoveryMinutes: BenchmarkBand[]; changeFailureRate: BenchmarkBand[]; deploymentFrequency: string } {
  const [lElite, lHigh, lMedium] = report === 2023 ? [DAY, 7 * DAY, 30 * DAY] : [HOUR, 7 * DAY, 180 * DAY];
  const [cElite, cHigh, cMedium] = report === 2023 ? [0.05, 0.1, 0.15] : [0.15, 0.2, 0.3];
  return {
    leadTimeMinutes: [{ level: 'elite', upTo: lElite }, { level: 'high', upTo: lHigh }, { level: 'medium', upTo: lMedium }, { level: 'low', upTo: null }],
    recoveryMinutes: [{ level: 'elite', upTo: HOUR }, { level: 'high', upTo: DAY }, { level: 'medium', upTo: 7 * DAY }, { level: 'low', upTo: null }],
    changeFailureRate: [{ level: 'elite', upTo: cElite }, { level: 'high', upTo: cHigh }, { level: 'medium', upTo: cMedium }, { level: 'low', upTo: null }],
    deploymentFrequency:
      report === 2023
        ? 'elite: 5+ deployment days a week; high: 1+ a week; medium: 1+ a month; low: less'
        : 'elite: 5+ deployment days a week; high: 1+ a month; medium: 1+ in six months; low: less',
  };
}
