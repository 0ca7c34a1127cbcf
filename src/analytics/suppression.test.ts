import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suppressGroups, type GroupSize } from './suppression.ts';

describe('suppressGroups', () => {
  it('shows everybody when every group reaches the minimum', () => {
    expect(suppressGroups([{ value: 'a', n: 5 }, { value: 'b', n: 9 }], 5)).toEqual({ visible: ['a', 'b'], hidden: [], hiddenPeople: 0 });
  });

  it('hides the next-smallest group too when one group is below the minimum', () => {
    // Without the second hiding, total - 40 - 12 = 3 would give the small group away.
    const result = suppressGroups([{ value: 'big', n: 40 }, { value: 'mid', n: 12 }, { value: 'tiny', n: 3 }], 5);
    expect(result.hidden).toEqual(['tiny', 'mid']);
    expect(result.visible).toEqual(['big']);
    expect(result.hiddenPeople).toBe(15);
  });

  it('keeps hiding until the hidden people reach the minimum together', () => {
    const result = suppressGroups(
      [{ value: 'x', n: 1 }, { value: 'y', n: 1 }, { value: 'z', n: 2 }, { value: 'w', n: 30 }, { value: 'v', n: 50 }],
      5,
    );
    expect(result.hidden).toEqual(['x', 'y', 'z', 'w']);
    expect(result.visible).toEqual(['v']);
  });

  const groups = fc.uniqueArray(fc.record({ value: fc.string({ maxLength: 3 }), n: fc.integer({ min: 1, max: 60 }) }), {
    selector: (g) => g.value,
    maxLength: 12,
  });

  it('never shows a group below the minimum, and never leaves one recoverable by subtraction', () => {
    fc.assert(
      fc.property(groups, fc.integer({ min: 1, max: 20 }), (all: GroupSize[], minGroup) => {
        const { visible, hidden, hiddenPeople } = suppressGroups(all, minGroup);
        const size = new Map(all.map((g) => [g.value, g.n]));
        for (const value of visible) expect(size.get(value)!).toBeGreaterThanOrEqual(minGroup);
        expect(new Set([...visible, ...hidden]).size).toBe(all.length);
        // What a reader with the total can work out: total - visible = the hidden people.
        const total = all.reduce((t, g) => t + g.n, 0);
        const recovered = total - visible.reduce((t, v) => t + size.get(v)!, 0);
        expect(recovered).toBe(hiddenPeople);
        if (hidden.length > 0 && visible.length > 0) {
          // Two or more hidden groups cannot be told apart, and their sum is no small group.
          expect(hidden.length).toBeGreaterThanOrEqual(2);
          expect(recovered).toBeGreaterThanOrEqual(minGroup);
        }
      }),
    );
  });

  it('does not depend on the order of the input', () => {
    fc.assert(
      fc.property(groups, fc.integer({ min: 1, max: 20 }), (all, minGroup) => {
        expect(suppressGroups([...all].reverse(), minGroup)).toEqual(suppressGroups(all, minGroup));
      }),
    );
  });
});

describe('suppressGroups with groups hidden on request', () => {
  it('hides a named group of any size and, with it, the next-smallest group', () => {
    // Hiding "mid" alone would be pointless: total - big - small = mid.
    const result = suppressGroups([{ value: 'big', n: 40 }, { value: 'mid', n: 12 }, { value: 'small', n: 8 }], 5, new Set(['mid']));
    expect(result.hidden).toEqual(['mid', 'small']);
    expect(result.visible).toEqual(['big']);
    expect(result.hiddenPeople).toBe(20);
  });

  it('changes nothing when the named group is hidden anyway or is not there', () => {
    const groups = [{ value: 'a', n: 3 }, { value: 'b', n: 9 }, { value: 'c', n: 30 }];
    expect(suppressGroups(groups, 5, new Set(['a', 'zzz']))).toEqual(suppressGroups(groups, 5));
  });
});
