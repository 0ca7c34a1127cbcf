import { describe, expect, it } from 'vitest';
import { ordinalScale, prepareBiasAudit, type BiasAuditRequest } from './bias-input.ts';
import type { CsvTable } from './csv-table.ts';

const REQUEST: BiasAuditRequest = { outcome: 'rating', favourable: ['4'], group: 'gender', controls: ['level'], minGroup: 2 };

function table(rows: string[][], header = ['gender', 'level', 'rating']): CsvTable {
  return { header, rows: rows.map((cells, i) => ({ line: i + 2, cells })) };
}

const GOOD = [
  ['F', 'L5', '4'],
  ['M', 'L5', '3'],
  ['F', 'L6', '3'],
  ['M', 'L6', '4'],
];

describe('prepareBiasAudit', () => {
  it('turns rows into records with one stratum per combination of controls', () => {
    const result = prepareBiasAudit(table(GOOD), REQUEST);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.records[0]).toEqual({ group: 'F', favourable: true, stratum: '["L5"]', outcome: '4' });
    expect(new Set(result.value.records.map((r) => r.stratum)).size).toBe(2);
    expect(result.value.ordinal).toBeNull();
  });

  it('names every missing column at once', () => {
    const result = prepareBiasAudit(table(GOOD), { ...REQUEST, outcome: 'score', controls: ['level', 'site'] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => [p.line, p.column])).toEqual([[1, 'score'], [1, 'site']]);
  });

  it('reports every empty cell on its line and column', () => {
    const result = prepareBiasAudit(table([...GOOD, ['', 'L5', '4'], ['F', '', '']]), REQUEST);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toEqual([
        { line: 6, column: 'gender', reason: 'is empty' },
        { line: 7, column: 'rating', reason: 'is empty' },
        { line: 7, column: 'level', reason: 'is empty' },
      ]);
    }
  });

  it('refuses a control with one stratum, an outcome with one value and a group with one value', () => {
    const oneLevel = prepareBiasAudit(table(GOOD.map(([g, , r]) => [g!, 'L5', r!])), REQUEST);
    expect(!oneLevel.ok && oneLevel.problems[0]).toEqual({ line: 1, column: 'level', reason: 'has only one value ("L5"); a control needs at least two' });
    const oneRating = prepareBiasAudit(table(GOOD.map(([g, l]) => [g!, l!, '3'])), REQUEST);
    expect(!oneRating.ok && oneRating.problems[0]!.reason).toBe('has only one value ("3"); an outcome needs at least two');
    const oneGroup = prepareBiasAudit(table(GOOD.map(([, l, r]) => ['F', l!, r!])), REQUEST);
    expect(!oneGroup.ok && oneGroup.problems[0]!.column).toBe('gender');
  });

  it('refuses favourable values that never occur, or that cover every row', () => {
    const none = prepareBiasAudit(table(GOOD), { ...REQUEST, favourable: ['5'] });
    expect(!none.ok && none.problems[0]!.reason).toBe('no row has a favourable value ("5"); values found: "3", "4"');
    const all = prepareBiasAudit(table(GOOD), { ...REQUEST, favourable: ['3', '4'] });
    expect(!all.ok && all.problems[0]!.reason).toBe('every row has a favourable value, so the outcome does not vary');
  });

  it('refuses fewer rows than the minimum group, and the same column in two roles', () => {
    const few = prepareBiasAudit(table(GOOD), { ...REQUEST, minGroup: 5 });
    expect(!few.ok && few.problems[0]).toEqual({
      line: null,
      column: '-',
      reason: 'The file has 4 data rows, fewer than the minimum group size 5: nothing can be shown.',
    });
    const twice = prepareBiasAudit(table(GOOD), { ...REQUEST, controls: ['Gender'] });
    expect(!twice.ok && twice.problems[0]!.line).toBeNull();
  });

  it('checks outcome values against --grades', () => {
    const result = prepareBiasAudit(table(GOOD), { ...REQUEST, grades: ['1', '2', '3'] });
    expect(!result.ok && result.problems.map((p) => p.line)).toEqual([2, 5]);
  });
});

describe('ordinalScale', () => {
  it('orders numbers by value, not text, and refuses two spellings of one number', () => {
    expect(ordinalScale(['10', '9', '8.5'])).toEqual({ grades: ['8.5', '9', '10'], scores: [8.5, 9, 10] });
    expect(ordinalScale(['4', '4.0', '3'])).toBeNull();
    expect(ordinalScale(['3', '4'])).toBeNull();
    expect(ordinalScale(['low', 'mid', 'high'])).toBeNull();
  });
});
