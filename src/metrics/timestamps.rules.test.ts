import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTimestamp, parseDay, parseTimestamp, utcDay } from './timestamps.rules.ts';

const utc = (iso: string) => Date.parse(iso);

describe('parseTimestamp', () => {
  it.each([
    ['2023-4-10 6:51:47', '2023-04-10T06:51:47.000Z'],
    ['2022-09-10 6:51:47', '2022-09-10T06:51:47.000Z'],
    ['2023-4-09 4:51:47', '2023-04-09T04:51:47.000Z'],
    ['2023-04-13 08:56:48.427', '2023-04-13T08:56:48.427Z'],
    ['2023-04-10T06:51:47.000+00:00', '2023-04-10T06:51:47.000Z'],
    ['2022-03-07T06:26:42.109+00:00', '2022-03-07T06:26:42.109Z'],
    ['2024-01-03T16:00:00+01:00', '2024-01-03T15:00:00.000Z'],
    ['2024-01-03T10:00:00-0530', '2024-01-03T15:30:00.000Z'],
    ['2024-01-03T15:00:00Z', '2024-01-03T15:00:00.000Z'],
    ['2024-01-03 15:00', '2024-01-03T15:00:00.000Z'],
    ['2024-01-03', '2024-01-03T00:00:00.000Z'],
  ])('reads %s as UTC', (text, iso) => {
    expect(parseTimestamp(text)).toBe(utc(iso));
  });

  it('rounds fractions beyond milliseconds as MySQL DATETIME(3) does', () => {
    expect(parseTimestamp('2024-01-01 00:00:00.1234')).toBe(utc('2024-01-01T00:00:00.123Z'));
    expect(parseTimestamp('2024-01-01 00:00:00.9996')).toBe(utc('2024-01-01T00:00:01.000Z'));
  });

  it.each(['', 'yesterday', '2023-13-01 00:00:00', '2023-02-30 00:00:00', '2023-04-10 24:00:00', '2023-04-10 06:60:00', '10/04/2023 06:51', '2023-04-10T06:51:47+25:00', '2023-04-10Z'])(
    'refuses %j',
    (text) => {
      expect(parseTimestamp(text)).toBeNull();
    },
  );

  it('reads back what formatTimestamp writes, for any millisecond from 1970 to 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(2200, 0, 1) }), (ms) => {
        expect(parseTimestamp(formatTimestamp(ms))).toBe(ms);
      }),
    );
  });
});

describe('formatTimestamp and utcDay', () => {
  it("render DevLake's harness form and the UTC day", () => {
    expect(formatTimestamp(utc('2023-04-10T06:51:47Z'))).toBe('2023-04-10T06:51:47.000+00:00');
    expect(utcDay(utc('2023-04-10T23:59:59.999Z'))).toBe('2023-04-10');
  });
});

describe('parseDay', () => {
  it('takes real calendar dates in the strict form only', () => {
    expect(parseDay('2024-02-29')).toBe(utc('2024-02-29T00:00:00Z'));
    expect(parseDay('2023-02-29')).toBeNull();
    expect(parseDay('2024-2-1')).toBeNull();
  });
});
