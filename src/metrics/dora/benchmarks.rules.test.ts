import { describe, expect, it } from 'vitest';
import { changeFailureRateLevel, deploymentFrequencyLevel, leadTimeLevel, recoveryLevel } from './benchmarks.rules.ts';

const HOUR = 60;
const DAY = 1440;

describe('deployment frequency levels', () => {
  const level = (report: 2021 | 2023, perWeek: number | null, perMonth: number | null, perSixMonths: number | null) =>
    deploymentFrequencyLevel(report, { perWeek, perMonth, perSixMonths });

  it('2023: elite from 5 deployment days a week, high from 1 a week, medium from 1 a month', () => {
    expect(level(2023, 5, 22, 130)).toBe('elite');
    expect(level(2023, 4, 18, 100)).toBe('high');
    expect(level(2023, 1, 4, 24)).toBe('high');
    expect(level(2023, 0, 1, 6)).toBe('medium');
    expect(level(2023, 0, 0, 3)).toBe('low');
  });

  it('2021: high from 1 deployment day a month, medium from 1 per six months', () => {
    expect(level(2021, 5, 22, 130)).toBe('elite');
    expect(level(2021, 4, 18, 100)).toBe('high');
    expect(level(2021, 0, 1, 6)).toBe('high');
    expect(level(2021, 0, 0, 1)).toBe('medium');
    expect(level(2021, 0, 0, 0)).toBe('low');
  });

  it('gives no level when the six-monthly median is not collected (DevLake shows N/A)', () => {
    expect(level(2023, 0, 0, null)).toBeNull();
    expect(level(2021, 0, 0, null)).toBeNull();
  });
});

describe('lead time levels', () => {
  it.each([
    [2023, DAY - 1, 'elite'], [2023, DAY, 'high'], [2023, 7 * DAY - 1, 'high'], [2023, 7 * DAY, 'medium'],
    [2023, 30 * DAY - 1, 'medium'], [2023, 30 * DAY, 'low'],
    [2021, HOUR - 1, 'elite'], [2021, HOUR, 'high'], [2021, 7 * DAY, 'medium'], [2021, 180 * DAY - 1, 'medium'], [2021, 180 * DAY, 'low'],
  ] as const)('%i: %i minutes is %s', (report, minutes, expected) => {
    expect(leadTimeLevel(report, minutes)).toBe(expected);
  });

  it('has no level without changes', () => expect(leadTimeLevel(2023, null)).toBeNull());
});

describe('change failure rate levels (bounds included)', () => {
  it.each([
    [2023, 1, 20, 'elite'], [2023, 2, 20, 'high'], [2023, 3, 20, 'medium'], [2023, 31, 200, 'low'], [2023, 0, 3, 'elite'],
    [2021, 3, 20, 'elite'], [2021, 4, 20, 'high'], [2021, 6, 20, 'medium'], [2021, 61, 200, 'low'],
  ] as const)('%i: %i failed of %i is %s', (report, failed, deployments, expected) => {
    expect(changeFailureRateLevel(report, { failed, deployments })).toBe(expected);
  });

  it('has no level without deployments', () => expect(changeFailureRateLevel(2023, { failed: 0, deployments: 0 })).toBeNull());
});

describe('recovery levels (both reports)', () => {
  it.each([[59, 'elite'], [60, 'high'], [DAY - 1, 'high'], [DAY, 'medium'], [7 * DAY - 1, 'medium'], [7 * DAY, 'low']] as const)('%i minutes is %s', (minutes, expected) => {
    expect(recoveryLevel(minutes)).toBe(expected);
  });
});
