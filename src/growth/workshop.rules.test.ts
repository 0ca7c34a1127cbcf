import { describe, expect, it } from 'vitest';
import { packetSpread, workshopAgreement } from './workshop.rules.ts';

describe('packetSpread', () => {
  it('reports the range, mean and sample deviation of one packet and flags a wide spread', () => {
    expect(packetSpread(1, [3, 4, 6], 2)).toMatchObject({ n: 3, min: 3, max: 6, range: 3, mean: 13 / 3, counts: { '3': 1, '4': 1, '6': 1 }, flagged: true });
    expect(packetSpread(1, [3, 4, 6], 2).sd).toBeCloseTo(1.5275, 4);
    expect(packetSpread(2, [4, 4, 5], 2)).toMatchObject({ range: 1, flagged: false });
    expect(packetSpread(3, [], 2)).toMatchObject({ n: 0, mean: null, sd: null, flagged: false });
  });
});

describe('workshopAgreement', () => {
  it('says standards are aligned when alpha reaches the threshold', () => {
    const close = workshopAgreement(
      [
        { packetId: 1, values: [2, 2, 2] },
        { packetId: 2, values: [5, 5, 4] },
        { packetId: 3, values: [7, 7, 7] },
      ],
      { metric: 'interval', flagSpread: 2, alignedAlpha: 0.8 },
    );
    expect(close.alpha!).toBeGreaterThan(0.9);
    expect(close.aligned).toBe(true);
    const apart = workshopAgreement(
      [
        { packetId: 1, values: [2, 6, 4] },
        { packetId: 2, values: [5, 2, 7] },
      ],
      { metric: 'ordinal', flagSpread: 2, alignedAlpha: 0.8 },
    );
    expect(apart.aligned).toBe(false);
    expect(apart.packets.every((p) => p.flagged)).toBe(true);
  });
});
