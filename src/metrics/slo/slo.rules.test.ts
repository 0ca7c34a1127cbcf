import { describe, expect, it } from 'vitest';
import { burnThreshold, BURN_WINDOWS, complianceByPeriod, countWindow, errorBudgetRemaining, sloStatus, type SliSample, type SloDefinition } from './slo.rules.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const NOW = Date.UTC(2024, 2, 29, 12, 0);

/** The worked examples of docs/metrics.md, "SLOs". */
describe('worked example 1: a latency SLO on time slices', () => {
  // P90 latency at or under 300 ms in 99% of the 5-minute slices of one day.
  const latency: SloDefinition = { name: 'checkout p90', kind: 'threshold', metric: 'latency_p90_ms', comparison: 'lte', threshold: 300, objective: 0.99, windowDays: 1 };
  // 288 slices; the four in the last 20 minutes took 450 ms.
  const samples: SliSample[] = Array.from({ length: 288 }, (_, i) => ({ metric: 'latency_p90_ms', at: NOW - i * 5 * MINUTE, value: i < 4 ? 450 : 120 }));

  it('counts good slices: 284 of 288, 98.61%, so the objective is missed', () => {
    const status = sloStatus(latency, samples, NOW);
    expect([status.good, status.total]).toEqual([284, 288]);
    expect(status.compliance).toBeCloseTo(0.98611, 5);
    expect(status.met).toBe(false);
  });

  it('has spent more than its budget: 2.88 bad slices allowed, 4 bad, -38.9% left', () => {
    expect(sloStatus(latency, samples, NOW).errorBudgetRemaining).toBeCloseTo(-0.38889, 5);
  });

  it('burns at 33.3 over the last hour (4 of 12 slices bad against 1% allowed)', () => {
    const status = sloStatus(latency, samples, NOW);
    expect(status.burn.fast.longRate).toBeCloseTo(33.333, 3);
    // The last 5 minutes hold one slice, bad: 100 times the allowed rate.
    expect(status.burn.fast.shortRate).toBeCloseTo(100, 6);
  });
});

describe('worked example 2: a success-rate SLO on request counts', () => {
  // 99.9% of requests succeed over 28 days.
  const availability: SloDefinition = { name: 'checkout availability', kind: 'events', goodMetric: 'requests_ok', totalMetric: 'requests', objective: 0.999, windowDays: 28 };
  const samples: SliSample[] = [
    // 27 quiet days before: 990,000 requests, 450 failed.
    { metric: 'requests', at: NOW - 10 * 24 * HOUR, value: 990_000 },
    { metric: 'requests_ok', at: NOW - 10 * 24 * HOUR, value: 989_550 },
    // The last hour: 10,000 requests, 150 failed (1.5%), 40 of them in the last five minutes out of 1,000.
    { metric: 'requests', at: NOW - 30 * MINUTE, value: 9_000 },
    { metric: 'requests_ok', at: NOW - 30 * MINUTE, value: 8_890 },
    { metric: 'requests', at: NOW - 2 * MINUTE, value: 1_000 },
    { metric: 'requests_ok', at: NOW - 2 * MINUTE, value: 960 },
  ];

  it('meets the objective over the window: 600 failures in 1,000,000 is 99.94%', () => {
    const status = sloStatus(availability, samples, NOW);
    expect([status.good, status.total]).toEqual([999_400, 1_000_000]);
    expect(status.compliance).toBeCloseTo(0.9994, 10);
    expect(status.met).toBe(true);
  });

  it('has 40% of its budget left: 1,000 failures allowed, 600 spent', () => {
    expect(sloStatus(availability, samples, NOW).errorBudgetRemaining).toBeCloseTo(0.4, 10);
  });

  it('pages: the hour burns at 15 and the last five minutes at 40, both over 13.44', () => {
    const { fast, slow } = sloStatus(availability, samples, NOW).burn;
    expect(fast.threshold).toBeCloseTo(13.44, 10);
    expect(fast.longRate).toBeCloseTo(15, 10);
    expect(fast.shortRate).toBeCloseTo(40, 10);
    expect(fast.alerting).toBe(true);
    // Six hours hold the same requests: also over the slow threshold of 5.6.
    expect(slow.threshold).toBeCloseTo(5.6, 10);
    expect(slow.alerting).toBe(true);
  });

  it('stops paging once the last five minutes are clean, even while the hour still burns', () => {
    const clean = samples.map((s) => (s.at === NOW - 2 * MINUTE && s.metric === 'requests_ok' ? { ...s, value: 1_000 } : s));
    const { fast } = sloStatus(availability, clean, NOW).burn;
    expect(fast.longRate).toBeCloseTo(11, 10);
    expect(fast.shortRate).toBe(0);
    expect(fast.alerting).toBe(false);
  });
});

describe('SLO rules', () => {
  it('uses the SRE workbook thresholds for a 30-day SLO: 14.4 and 6', () => {
    expect(burnThreshold(30, BURN_WINDOWS.fast)).toBeCloseTo(14.4, 10);
    expect(burnThreshold(30, BURN_WINDOWS.slow)).toBeCloseTo(6, 10);
  });

  it('has no compliance, budget or burn rate without data (no data is not 100%)', () => {
    const status = sloStatus({ name: 'x', kind: 'events', goodMetric: 'ok', totalMetric: 'all', objective: 0.99, windowDays: 7 }, [], NOW);
    expect([status.compliance, status.met, status.errorBudgetRemaining, status.burn.fast.longRate, status.burn.fast.alerting]).toEqual([null, null, null, null, false]);
  });

  it('takes windows as (end - length, end]: a sample exactly at the start is outside', () => {
    const definition: SloDefinition = { name: 'x', kind: 'threshold', metric: 'm', comparison: 'lt', threshold: 1, objective: 0.5, windowDays: 1 };
    const samples = [{ metric: 'm', at: NOW - HOUR, value: 0 }, { metric: 'm', at: NOW, value: 5 }];
    expect(countWindow(definition, samples, NOW, HOUR)).toEqual({ good: 0, total: 1 });
  });

  it('reads an objective of 100% as a budget of nothing: any bad event overspends it', () => {
    expect(errorBudgetRemaining({ good: 9, total: 10 }, 1)).toBe(Number.NEGATIVE_INFINITY);
    expect(errorBudgetRemaining({ good: 10, total: 10 }, 1)).toBe(1);
  });

  it('gives each period of a trend its own compliance, start included and end excluded', () => {
    const definition: SloDefinition = { name: 'x', kind: 'threshold', metric: 'm', comparison: 'gte', threshold: 1, objective: 0.75, windowDays: 1 };
    const day = 24 * HOUR;
    const samples = [0, 1, 2, 3].map((i) => ({ metric: 'm', at: NOW + i * (day / 4), value: i === 3 ? 0 : 1 }));
    samples.push({ metric: 'm', at: NOW + day, value: 0 });
    const trend = complianceByPeriod(definition, samples, [{ start: NOW, end: NOW + day }, { start: NOW + day, end: NOW + 2 * day }, { start: NOW + 2 * day, end: NOW + 3 * day }]);
    expect(trend.map((p) => [p.compliance, p.met])).toEqual([[0.75, true], [0, false], [null, null]]);
  });
});
