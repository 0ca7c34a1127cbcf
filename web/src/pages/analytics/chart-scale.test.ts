import { describe, expect, it } from 'vitest';
import { linearScale, logScale, niceTicks } from './chart-scale.ts';
import { interval, percent, pValue, ratio } from './analytics-format.ts';

describe('niceTicks', () => {
  it('covers the range with steps of 1, 2 or 5 times a power of ten', () => {
    expect(niceTicks(0, 0.13, 5)).toEqual([0, 0.05, 0.1, 0.15]);
    expect(niceTicks(5, 100, 4)).toEqual([0, 50, 100]);
    expect(niceTicks(0, 1.5, 3)).toEqual([0, 0.5, 1, 1.5]);
    expect(niceTicks(2, 2)).toEqual([2]);
  });
});

describe('linearScale', () => {
  it('maps the domain onto the range, flipped when asked', () => {
    const y = linearScale([0, 1], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(0.25)).toBe(150);
    expect(linearScale([3, 3], [0, 10])(3)).toBe(5);
  });

  it('spaces a logarithmic axis by ratio: 10 is as far from 1 as 100 from 10', () => {
    const x = logScale([1, 100], [0, 200]);
    expect(x(1)).toBe(0);
    expect(x(10)).toBeCloseTo(100, 12);
    expect(x(100)).toBeCloseTo(200, 12);
  });
});

describe('formats', () => {
  it('reads like the findings', () => {
    expect(percent(94 / 588)).toBe('16.0%');
    expect(ratio(1.0812)).toBe('1.08');
    expect(ratio(0.0042)).toBe('0.0042');
    expect(pValue(0.0004)).toBe('< 0.001');
    expect(pValue(0.6087)).toBe('0.609');
    expect(interval(0.81, 1.44)).toBe('0.81 to 1.44');
    expect(interval(null, 1)).toBe('n/a');
  });
});
