import { describe, expect, it } from 'vitest';
import { csvCell, spreadsheetSafe } from './csv-cells.ts';

describe('spreadsheet-safe CSV cells', () => {
  it('disarms every formula start with a leading quote, and leaves other text alone', () => {
    for (const text of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', '\0=1']) expect(spreadsheetSafe(text)).toBe(`'${text}`);
    for (const text of ['plain', ' =not first', "'quoted", '', '1-2']) expect(spreadsheetSafe(text)).toBe(text);
  });

  it('quotes every cell, doubles quotes, keeps numbers (a negative number is a number) and empties null', () => {
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell(-3)).toBe('"-3"');
    expect(csvCell(null)).toBe('""');
  });
});
