import { describe, expect, it } from 'vitest';
import { fieldCountProblem, readCsv } from './csv-records.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('readCsv', () => {
  it('gives each record the line it starts on, past blank lines and quoted line breaks', () => {
    const read = readCsv(bytes('\uFEFFa,b\n\n1,"two\nlines"\n3,4\n'));
    expect(read).toEqual({
      ok: true,
      records: [
        { line: 1, cells: ['a', 'b'] },
        { line: 3, cells: ['1', 'two\nlines'] },
        { line: 5, cells: ['3', '4'] },
      ],
    });
  });

  it('locates every byte that is not UTF-8 by line, field and byte', () => {
    const read = readCsv(new Uint8Array([...bytes('a,b\nx,'), 0xff, ...bytes('\n'), 0xc3, ...bytes(',y\n')]));
    expect(read).toEqual({
      ok: false,
      problems: [
        { line: 2, column: '#2', reason: 'invalid UTF-8 byte 0xFF at byte 3 of the line (save the file as UTF-8)' },
        { line: 3, column: '#1', reason: 'invalid UTF-8 byte 0xC3 at byte 1 of the line (save the file as UTF-8)' },
      ],
    });
  });

  it('names a quote that never closes as invalid CSV', () => {
    const read = readCsv(bytes('a,b\n"x,1\n'));
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problems[0]!.reason).toMatch(/^not valid CSV: /u);
  });
});

describe('fieldCountProblem', () => {
  it('is null for a full record and says both counts otherwise', () => {
    expect(fieldCountProblem({ line: 4, cells: ['1', '2'] }, 2)).toBeNull();
    expect(fieldCountProblem({ line: 4, cells: ['1'] }, 2)).toEqual({ line: 4, column: '-', reason: 'has 1 fields but the header has 2' });
  });
});
