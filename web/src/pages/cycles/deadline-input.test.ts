import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDateTime, fromInputValue, timeZoneLabel, toInputValue } from './deadline-input.ts';

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham'];

describe('deadlines between ISO instants and datetime-local inputs', () => {
  it('shows an instant as the wall clock of the zone, to the minute', () => {
    expect(toInputValue('2026-11-28T23:59:59.999Z', 'UTC')).toBe('2026-11-28T23:59');
    expect(toInputValue('2026-11-28T23:59:59.999Z', 'Europe/Berlin')).toBe('2026-11-29T00:59');
    expect(toInputValue('2026-11-28T23:59:59.999Z', 'America/New_York')).toBe('2026-11-28T18:59');
    expect(toInputValue('2026-07-01T00:00:00Z', 'America/New_York')).toBe('2026-06-30T20:00');
    expect(toInputValue('2026-11-28T23:59:59Z', 'Asia/Kolkata')).toBe('2026-11-29T05:29');
    expect(toInputValue('2026-11-28T12:00:00+01:00', 'UTC')).toBe('2026-11-28T11:00');
    expect(toInputValue('not a date', 'UTC')).toBe('');
  });

  it('reads a wall clock in the zone as a UTC instant', () => {
    expect(fromInputValue('2026-11-29T00:59', 'Europe/Berlin')).toBe('2026-11-28T23:59:00.000Z');
    expect(fromInputValue('2027-01-10T17:00', 'America/New_York')).toBe('2027-01-10T22:00:00.000Z');
    expect(fromInputValue('2027-07-10T17:00', 'America/New_York')).toBe('2027-07-10T21:00:00.000Z');
    expect(fromInputValue('2027-01-10T17:00', 'Asia/Kolkata')).toBe('2027-01-10T11:30:00.000Z');
    expect(fromInputValue('2027-01-10T17:00:30', 'UTC')).toBe('2027-01-10T17:00:00.000Z');
  });

  it('refuses values that are not a whole, real date-time', () => {
    for (const value of ['', '2027-01-10', '17:00', '2027-02-30T10:00', '2027-01-10T24:00', '2027-13-01T10:00', '10/01/2027 17:00']) {
      expect(fromInputValue(value, 'UTC'), value).toBeNull();
    }
  });

  it('reads a time the clocks skip as the same time after the change, and one they repeat as its first occurrence', () => {
    // Berlin springs from 02:00 to 03:00 on 28 March 2027, and falls back from 03:00 to 02:00 on 31 October.
    expect(fromInputValue('2027-03-28T02:30', 'Europe/Berlin')).toBe('2027-03-28T01:30:00.000Z');
    expect(toInputValue('2027-03-28T01:30:00.000Z', 'Europe/Berlin')).toBe('2027-03-28T03:30');
    expect(fromInputValue('2027-10-31T02:30', 'Europe/Berlin')).toBe('2027-10-31T00:30:00.000Z');
    expect(fromInputValue('2027-11-07T01:30', 'America/New_York')).toBe('2027-11-07T05:30:00.000Z');
  });

  it('gives back the same wall clock for any instant, in any zone', () => {
    const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }).map((ms) => new Date(ms).toISOString());
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONES), (iso, zone) => {
        const shown = toInputValue(iso, zone);
        const read = fromInputValue(shown, zone);
        expect(read).not.toBeNull();
        expect(toInputValue(read!, zone)).toBe(shown);
        // The minute itself comes back, or in a repeated hour its first occurrence.
        const early = Math.floor(Date.parse(iso) / 60_000) * 60_000 - Date.parse(read!);
        expect(early).toBeGreaterThanOrEqual(0);
        expect(early).toBeLessThanOrEqual(3_600_000);
      }),
    );
  });

  it('formats deadlines to read, and names the zone', () => {
    expect(formatDateTime('2026-11-28T23:59:59.999Z', 'Europe/Berlin')).toBe('29 Nov 2026, 00:59');
    expect(formatDateTime(null, 'UTC')).toBe('—');
    expect(timeZoneLabel('America/New_York')).toBe('America/New York');
  });
});
