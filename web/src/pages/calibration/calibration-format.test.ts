import { describe, expect, it } from 'vitest';
import { describeViolation as serverWording } from '../../../../src/calibration/distribution.rules.ts';
import type { Distribution } from '../../api/calibration.ts';
import { allowedRange, describeViolation, linesToItems, moveInDistribution, percent, targetStatus } from './calibration-format.ts';

const distribution: Distribution = {
  size: 12,
  counts: { TT: 3, HV3: 2, HV2: 1, HV1: 5, LE: 1 },
  targets: [
    { rating: 'TT', count: 3, allowedMin: 0, allowedMax: 2, ok: false, applies: true },
    { rating: 'HV1', count: 5, allowedMin: 4, allowedMax: 5, ok: true, applies: true },
    { rating: 'LE', count: 1, allowedMin: 1, allowedMax: 1, ok: true, applies: true },
  ],
  violations: [{ rating: 'TT', count: 3, allowedMin: 0, allowedMax: 2, ok: false, applies: true }],
};

describe('the calibration board’s words and numbers', () => {
  it('words a violation exactly as the server refuses to finalise', () => {
    for (const v of [
      { rating: 'TT' as const, count: 3, allowedMin: 0, allowedMax: 2 },
      { rating: 'LE' as const, count: 0, allowedMin: 1, allowedMax: 1 },
      { rating: 'HV1' as const, count: 1, allowedMin: 4, allowedMax: 5 },
    ]) {
      expect(describeViolation(v)).toBe(serverWording(v));
    }
    expect(describeViolation({ rating: 'TT', count: 3, allowedMin: 0, allowedMax: 2 })).toBe('TT: 3 people, at most 2 allowed (1 over)');
  });

  it('states ranges and statuses in words', () => {
    expect(allowedRange({ allowedMin: 4, allowedMax: 5, applies: true }, 12)).toBe('4–5');
    expect(allowedRange({ allowedMin: 1, allowedMax: 1, applies: true }, 12)).toBe('exactly 1');
    expect(allowedRange({ allowedMin: 0, allowedMax: 2, applies: true }, 12)).toBe('up to 2');
    expect(allowedRange({ allowedMin: 0, allowedMax: 8, applies: false }, 8)).toBe('not yet (group too small)');
    expect(targetStatus({ count: 3, allowedMin: 0, allowedMax: 2, ok: false })).toBe('1 over');
    expect(targetStatus({ count: 2, allowedMin: 4, allowedMax: 5, ok: false })).toBe('2 under');
    expect(percent(3, 12)).toBe('25%');
    expect(percent(0, 0)).toBe('—');
  });

  it('recounts a move locally: the same size keeps the same allowed ranges', () => {
    const moved = moveInDistribution(distribution, 'TT', 'HV3');
    expect(moved.counts).toEqual({ TT: 2, HV3: 3, HV2: 1, HV1: 5, LE: 1 });
    expect(moved.violations).toEqual([]);
    const worse = moveInDistribution(moved, 'LE', 'HV1');
    expect(worse.violations.map((v) => `${v.rating} ${v.count}`)).toEqual(['HV1 6', 'LE 0']);
    expect(moveInDistribution(distribution, 'HV2', 'HV2')).toBe(distribution);
  });

  it('reads one item per line, ignoring blank lines and edges', () => {
    expect(linesToItems('  Shipped the ledger \n\n Ran the review\n')).toEqual(['Shipped the ledger', 'Ran the review']);
  });
});
