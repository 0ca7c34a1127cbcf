import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { at } from '../../../test/dora-builders.ts';
import { MS_PER_DAY } from '../timestamps.rules.ts';
import { deploymentFrequency, sixMonthWindows } from './deployment-frequency.rules.ts';

const range = (from: string, to: string) => ({ from: at(`${from} 00:00`), to: at(`${to} 00:00`) });
const DEVLAKE = { report: 2023, median: 'lower' } as const;

describe('deploymentFrequency', () => {
  it('counts deployment days per Monday-to-Sunday week and per month, partial ones included', () => {
    // 2024-01-03 is a Wednesday: weeks Jan 3-7 (2 deployment days), Jan 8-14 (1), Jan 15-16 (0).
    const finishes = ['2024-01-03 09:00', '2024-01-03 17:00', '2024-01-04 09:00', '2024-01-09 09:00', '2024-01-17 09:00', '2024-01-02 23:59'].map(at);
    expect(deploymentFrequency(finishes, range('2024-01-03', '2024-01-16'), DEVLAKE)).toEqual({
      deployments: 4,
      deployDays: 3,
      medianDeployDaysPerWeek: 1,
      medianDeployDaysPerMonth: 3,
      medianDeployDaysPerSixMonths: null,
      level: 'high',
    });
  });

  it('a deployment on every weekday of a year is elite; one a month is medium (2023) or high (2021)', () => {
    const days = Array.from({ length: 366 }, (_, i) => at('2023-01-01 12:00') + i * MS_PER_DAY).filter((ms) => new Date(ms).getUTCFullYear() === 2023);
    const weekdays = days.filter((ms) => ![0, 6].includes(new Date(ms).getUTCDay()));
    const monthly = days.filter((ms) => new Date(ms).getUTCDate() === 15);
    const year = range('2023-01-01', '2023-12-31');
    expect(deploymentFrequency(weekdays, year, DEVLAKE)).toMatchObject({ deployDays: 260, medianDeployDaysPerWeek: 5, level: 'elite' });
    expect(deploymentFrequency(monthly, year, DEVLAKE)).toMatchObject({ medianDeployDaysPerWeek: 0, medianDeployDaysPerMonth: 1, level: 'medium' });
    expect(deploymentFrequency(monthly, year, { ...DEVLAKE, report: 2021 })).toMatchObject({ level: 'high' });
  });

  it('is low only when the six-monthly median exists (DevLake: "collected"), which needs unequal windows', () => {
    const year = range('2023-01-01', '2023-12-31');
    expect(deploymentFrequency([], year, DEVLAKE)).toMatchObject({ deployments: 0, medianDeployDaysPerSixMonths: null, level: null });
    // Windows Jan-Jun (1 day) and Jul-Dec (0): the median over them is 1.
    const once = [at('2023-03-01 10:00')];
    expect(deploymentFrequency(once, year, DEVLAKE)).toMatchObject({ medianDeployDaysPerMonth: 0, medianDeployDaysPerSixMonths: 1, level: 'low' });
    expect(deploymentFrequency(once, year, { ...DEVLAKE, report: 2021 })).toMatchObject({ level: 'medium' });
    // One deployment day in each half: every window ties, the rank median is empty, no level.
    const twice = [at('2023-03-01 10:00'), at('2023-11-01 10:00')];
    expect(deploymentFrequency(twice, year, DEVLAKE)).toMatchObject({ medianDeployDaysPerSixMonths: null, level: null });
    expect(deploymentFrequency(twice, year, { ...DEVLAKE, median: 'interpolated' })).toMatchObject({ medianDeployDaysPerSixMonths: 1, level: 'low' });
  });

  it('never counts more deployment days than days, nor deployments outside the range', () => {
    const day = fc.integer({ min: 0, max: 120 });
    fc.assert(
      fc.property(fc.array(day), day, day, (offsets, a, b) => {
        const [first, last] = [Math.min(a, b), Math.max(a, b)];
        const r = { from: at('2024-01-01 00:00') + first * MS_PER_DAY, to: at('2024-01-01 00:00') + last * MS_PER_DAY };
        const result = deploymentFrequency(offsets.map((o) => at('2024-01-01 13:00') + o * MS_PER_DAY), r, DEVLAKE);
        expect(result.deployDays).toBeLessThanOrEqual(last - first + 1);
        expect(result.deployments).toBe(offsets.filter((o) => o >= first && o <= last).length);
        expect(result.medianDeployDaysPerWeek).toBeLessThanOrEqual(7);
      }),
    );
  });
});

describe('sixMonthWindows', () => {
  const months = (from: [number, number], days: number[]) =>
    days.map((d, i) => {
      const date = new Date(Date.UTC(from[0], from[1] - 1 + i, 1));
      return [date.toISOString().slice(0, 7), d] as const;
    });

  it('samples the rolling six-month sums every sixth month back from the last one', () => {
    // Jan..Dec 2023: the windows ending in December and in June.
    expect(sixMonthWindows(months([2023, 1], [1, 0, 0, 2, 0, 0, 3, 0, 0, 0, 0, 4]))).toEqual([7, 3]);
    expect(sixMonthWindows(months([2023, 3], [1, 2]))).toEqual([3]);
  });

  it("restarts the sampling at years divisible by six, as DevLake's `'%Y-%m' DIV 6` does", () => {
    // Oct 2027 .. Mar 2028: 2027 and 2028 fall in different partitions, so December 2027 is
    // sampled too (a six-month window of only three months).
    expect(sixMonthWindows(months([2027, 10], [1, 1, 1, 1, 1, 1]))).toEqual([6, 3]);
  });
});
