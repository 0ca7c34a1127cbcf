import { describe, expect, it } from 'vitest';
import { findColumn, parseCsvTable } from './csv-table.ts';

const parse = (text: string | Uint8Array) => parseCsvTable(typeof text === 'string' ? new TextEncoder().encode(text) : text);

describe('parseCsvTable', () => {
  it('keeps the header, trims cells and numbers rows by the line they start on', () => {
    const result = parse('name,note,level\nAna," two\nlines ",L5\n\nBen,x, L6 \n');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.table.header).toEqual(['name', 'note', 'level']);
    expect(result.table.rows).toEqual([
      { line: 2, cells: ['Ana', 'two\nlines', 'L5'] },
      { line: 5, cells: ['Ben', 'x', 'L6'] },
    ]);
  });

  it('reports every short row, duplicate header and bad byte, each where it is', () => {
    const result = parse('a,b,a\n1,2,3\n4,5\n6\n');
    expect(result).toEqual({
      ok: false,
      problems: [
        { line: 1, column: 'a', reason: 'column appears twice in the header' },
        { line: 3, column: '-', reason: 'has 2 fields but the header has 3' },
        { line: 4, column: '-', reason: 'has 1 fields but the header has 3' },
      ],
    });
    const latin1 = parse(new Uint8Array([...new TextEncoder().encode('g,o\nM'), 0xfc, ...new TextEncoder().encode('ller,1\n')]));
    expect(latin1.ok).toBe(false);
    if (!latin1.ok) expect(latin1.problems[0]).toMatchObject({ line: 2, column: '#1' });
  });

  it('refuses an empty file', () => {
    expect(parse('')).toEqual({ ok: false, problems: [{ line: 1, column: '-', reason: 'the file is empty: a header row is required' }] });
  });
});

describe('findColumn', () => {
  it('prefers an exact name, accepts a unique case-insensitive one, and refuses an ambiguous one', () => {
    expect(findColumn(['JobLevel', 'Gender'], 'Gender')).toBe(1);
    expect(findColumn(['JobLevel', 'Gender'], 'joblevel')).toBe(0);
    expect(findColumn(['level', 'LEVEL'], 'Level')).toBeNull();
    expect(findColumn(['level', 'LEVEL'], 'LEVEL')).toBe(1);
    expect(findColumn(['a'], 'b')).toBeNull();
  });
});
