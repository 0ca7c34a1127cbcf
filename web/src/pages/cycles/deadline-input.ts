/**
 * Deadlines travel as ISO UTC strings; people edit them in a `datetime-local` input, which holds
 * a wall-clock time ("2026-11-28T18:00") with no zone. These convert between the two in a named
 * IANA time zone, the browser's own unless a test names another.
 */

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const INPUT_VALUE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/u;

/** The browser's time zone, e.g. "Europe/Berlin". */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const wallClocks = new Map<string, Intl.DateTimeFormat>();

// The wall clock in `timeZone` at an instant, as the minute it shows read as if it were UTC.
function wallClockMs(ms: number, timeZone: string): number {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    wallClocks.set(timeZone, format);
  }
  const part = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, Number(p.value)]));
  return Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!);
}

// How far `timeZone` is ahead of UTC at an instant.
function offsetAt(ms: number, timeZone: string): number {
  return wallClockMs(ms, timeZone) - Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** An instant as a datetime-local input value in `timeZone`, to the minute; '' when it is not a date-time. */
export function toInputValue(iso: string, timeZone: string = localTimeZone()): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const wall = new Date(wallClockMs(ms, timeZone));
  return `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
}

/**
 * A datetime-local input value read in `timeZone`, as an ISO UTC string; null when it is not a
 * complete, real date-time. Like `new Date(y, m, d, h, min)`: a time the clocks skip (spring
 * forward) is read as the same time after the change, and a time that happens twice (fall back)
 * as its first occurrence.
 */
export function fromInputValue(value: string, timeZone: string = localTimeZone()): string | null {
  const m = INPUT_VALUE.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((n) => Number(n ?? 0)) as [number, number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  // The offsets either side of this wall time: one, or two when the clocks change that day.
  const offsets = [...new Set([offsetAt(wall - DAY_MS, timeZone), offsetAt(wall + DAY_MS, timeZone), offsetAt(wall, timeZone)])];
  const matching = offsets.map((offset) => wall - offset).filter((ms) => wallClockMs(ms, timeZone) === wall);
  const instant = matching.length ? Math.min(...matching) : wall - Math.min(...offsets);
  return new Date(instant).toISOString();
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** "28 Nov 2026, 18:00" in `timeZone`: a deadline to read rather than edit. */
export function formatDateTime(iso: string | null | undefined, timeZone: string = localTimeZone()): string {
  const ms = iso ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(ms)) return iso || '—';
  let format = dateTimeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    dateTimeFormats.set(timeZone, format);
  }
  return format.format(ms);
}

/** "America/New_York" as people write it: "America/New York". */
export function timeZoneLabel(timeZone: string = localTimeZone()): string {
  return timeZone.replaceAll('_', ' ');
}
