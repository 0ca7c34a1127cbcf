import { describe, expect, it } from 'vitest';
import { DAYS_PER_MONTH, promotionVelocity, waitSpells, type GroupedSpell } from './promotion-velocity.rules.ts';

describe('waitSpells', () => {
  it('runs from hire to each promotion and from the last one to today, censored', () => {
    const { spells } = waitSpells(
      { personId: 1, hireDate: '2020-01-01', currentLevel: 'L6', leftOn: null, promotions: [{ on: '2021-01-01', fromLevel: 'L4', toLevel: 'L5' }, { on: '2022-07-01', fromLevel: 'L5', toLevel: 'L6' }] },
      '2023-01-01',
    );
    expect(spells).toEqual([
      { personId: 1, level: 'L4', startedOn: '2020-01-01', days: 366, promoted: true },
      { personId: 1, level: 'L5', startedOn: '2021-01-01', days: 546, promoted: true },
      { personId: 1, level: 'L6', startedOn: '2022-07-01', days: 184, promoted: false },
    ]);
  });

  it('censors at the day someone left, ignores promotions after the as-of day, and takes a missing from-level from the previous promotion', () => {
    const left = waitSpells({ personId: 2, hireDate: '2022-01-01', currentLevel: 'L5', leftOn: '2022-03-02', promotions: [] }, '2023-01-01');
    expect(left.spells).toEqual([{ personId: 2, level: 'L5', startedOn: '2022-01-01', days: 60, promoted: false }]);
    const later = waitSpells({ personId: 3, hireDate: '2022-01-01', currentLevel: 'L6', leftOn: null, promotions: [{ on: '2024-01-01', fromLevel: 'L5', toLevel: 'L6' }] }, '2023-01-01');
    expect(later.spells).toEqual([{ personId: 3, level: 'L6', startedOn: '2022-01-01', days: 365, promoted: false }]);
    const unknown = waitSpells({ personId: 4, hireDate: '2020-01-01', currentLevel: 'L6', leftOn: null, promotions: [{ on: '2021-01-01', fromLevel: null, toLevel: 'L5' }, { on: '2022-01-01', fromLevel: null, toLevel: 'L6' }] }, '2023-01-01');
    expect(unknown.unknownLevel).toBe(1);
    expect(unknown.spells.map((s) => [s.level, s.promoted])).toEqual([['L5', true], ['L6', false]]);
  });

  it('has no wait for someone hired after the as-of day', () => {
    expect(waitSpells({ personId: 5, hireDate: '2024-01-01', currentLevel: 'L4', leftOn: null, promotions: [] }, '2023-01-01').spells).toEqual([]);
  });
});

const month = (m: number) => Math.round(m * DAYS_PER_MONTH);
function cohort(group: string, level: string, waits: string): GroupedSpell[] {
  return waits.split(' ').map((w, i) => ({ personId: i, group, level, startedOn: '2020-01-01', days: month(Number(w.replace('+', ''))), promoted: !w.endsWith('+') }));
}

describe('promotionVelocity', () => {
  it('reports each visible group per level with its Kaplan-Meier median and compares within level', () => {
    const spells = [
      ...cohort('Man', 'L5', '12 14 16 18 20 24+'),
      ...cohort('Woman', 'L5', '20 26 30+ 30+ 36+ 40+'),
      ...cohort('Man', 'L6', '20 22 24 30+ 40+'),
      ...cohort('Woman', 'L6', '24 28 36+'),
    ];
    const result = promotionVelocity(spells, { groupLabel: 'gender', minGroup: 5, asOf: '2026-01-01' });
    if (!result.ok) throw new Error('expected a report');
    const l5 = result.value.levels.find((l) => l.level === 'L5')!;
    expect(l5.groups.map((g) => [g.group, g.n, g.promoted, g.censored])).toEqual([['Man', 6, 5, 1], ['Woman', 6, 2, 4]]);
    // Man at L5: S falls 5/6, 4/6, 3/6 at 16 months: the median.
    expect(l5.groups[0]!.medianMonths).toBeCloseTo(month(16) / DAYS_PER_MONTH, 10);
    // Woman at L5: only 2 of 6 promoted, so no median; by 12 months nobody was.
    expect(l5.groups[1]!.medianMonths).toBeNull();
    expect(l5.groups[1]!.promotedBy.months12).toBe(0);
    // At L6 Woman has 3 people: hidden, and Man with it (complementary), so L6 shows nothing.
    expect(result.value.levels.find((l) => l.level === 'L6')).toMatchObject({ groups: [], suppressed: { groups: 2, people: 8 } });
    const [c] = result.value.comparisons;
    expect(c).toMatchObject({ group: 'Woman', reference: 'Man', levels: 1, observed: 2 });
    expect(c!.expected).toBeGreaterThan(2);
    expect(result.value.findings.join(' ')).toMatch(/censored/u);
    expect(result.value.findings.join(' ')).toMatch(/"Woman" against "Man" .* slower/u);
  });

  it('refuses a reference that is never shown', () => {
    const spells = [...cohort('Man', 'L5', '12 14 16 18 20'), ...cohort('Woman', 'L5', '12 14')];
    const result = promotionVelocity(spells, { groupLabel: 'gender', minGroup: 5, asOf: '2026-01-01', reference: 'Woman' });
    expect(result.ok).toBe(false);
  });
});
