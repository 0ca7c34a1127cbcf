import { describe, expect, it } from 'vitest';
import type { CsvTable } from './csv-table.ts';
import { prepareManagerCounts } from './drift-input.ts';

function table(rows: string[][]): CsvTable {
  return { header: ['employee_id', 'manager_id', 'rating'], rows: rows.map((cells, i) => ({ line: i + 2, cells })) };
}

const REQUEST = { outcome: 'rating', favourable: ['TT'], manager: 'manager_id' };

describe('prepareManagerCounts', () => {
  it("counts each manager's people and favourable outcomes, leaving the top of the tree out", () => {
    const result = prepareManagerCounts(
      table([
        ['E0', '', 'TT'],
        ['E1', 'E0', 'TT'],
        ['E2', 'E0', 'HV1'],
        ['E3', 'E1', 'LE'],
      ]),
      REQUEST,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        counts: [
          { manager: 'E0', n: 2, favourable: 1 },
          { manager: 'E1', n: 1, favourable: 0 },
        ],
        withoutManager: 1,
      },
    });
  });

  it('reports empty outcomes and missing columns where they are', () => {
    const empty = prepareManagerCounts(table([['E1', 'M1', ''], ['E2', 'M2', 'TT'], ['E3', 'M2', 'LE']]), REQUEST);
    expect(!empty.ok && empty.problems).toEqual([{ line: 2, column: 'rating', reason: 'is empty' }]);
    const missing = prepareManagerCounts(table([]), { ...REQUEST, manager: 'boss' });
    expect(!missing.ok && missing.problems[0]!.column).toBe('boss');
  });

  it('needs the outcome to vary among people with a manager, and two managers', () => {
    // The unmanaged top person is the only TT: the organisation rate would be 0.
    const flat = prepareManagerCounts(table([['E0', '', 'TT'], ['E1', 'E0', 'LE'], ['E2', 'E1', 'LE']]), REQUEST);
    expect(!flat.ok && flat.problems[0]!.reason).toBe('has only one value ("LE") among people with a manager; an outcome needs at least two');
    const one = prepareManagerCounts(table([['E1', 'M1', 'TT'], ['E2', 'M1', 'LE']]), REQUEST);
    expect(!one.ok && one.problems[0]).toEqual({
      line: null,
      column: '-',
      reason: 'The file has 1 manager; drift compares at least two with the organisation.',
    });
  });
});
