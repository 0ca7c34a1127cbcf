/**
 * Timestamps of DevLake's domain tables, held as epoch milliseconds in UTC.
 *
 * The conformance fixtures mix loose MySQL literals (`2023-4-10 6:51:47`, single-digit month,
 * day and hour) with ISO 8601 (`2023-04-10T06:51:47.000+00:00`). DevLake's harness inserts
 * both into MySQL DATETIME(3) columns of a UTC session, so a literal without a zone is UTC and
 * an ISO offset is converted to UTC.
 */

const TIMESTAMP =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/u;

/** Parses one timestamp; `null` when the text is not a timestamp in an accepted form. */
export function parseTimestamp(text: string): number | null {
  const match = TIMESTAMP.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const [hour, minute, second] = [Number(match[4] ?? 0), Number(match[5] ?? 0), Number(match[6] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  // MySQL rounds extra fractional digits to the column's precision (milliseconds here).
  const fraction = match[7] ? Math.round(Number(`0.${match[7]}`) * 1000) : 0;
  const offset = match[8] ? zoneOffsetMinutes(match[8]) : 0;
  if (offset === null) return null;
  return Date.UTC(year, month - 1, day, hour, minute, second) + fraction - offset * 60_000;
}

/** DevLake's harness rendering of a timestamp: `YYYY-MM-DDTHH:MM:SS.mmm+00:00`, always UTC. */
export function formatTimestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}+00:00`;
}

/** The UTC calendar day of a timestamp, `YYYY-MM-DD` (MySQL's DATE() in a UTC session). */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Parses a `YYYY-MM-DD` range bound strictly (a real calendar date), as epoch ms at 00:00 UTC. */
export function parseDay(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return Date.UTC(year, month - 1, day);
}

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function zoneOffsetMinutes(zone: string): number | null {
  if (zone === 'Z') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})?$/u.exec(zone);
  if (!match) return null;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? 0);
  if (hours > 23 || minutes > 59) return null;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}
