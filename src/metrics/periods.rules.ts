import { parseDay } from './timestamps.rules.ts';
import { MS_PER_DAY, utcDay } from './timestamps.rules.ts';
import type { DayRange } from './dora/deployment-frequency.rules.ts';

/** A range from optional `YYYY-MM-DD` bounds: to defaults to today, from to `days` before it. */
export function rangeFrom(query: { from?: string | undefined; to?: string | undefined }, now: Date, days: number): DayRange | { problem: string } {
  const today = parseDay(utcDay(now.getTime()))!;
  const to = query.to ? parseDay(query.to) : today;
  if (to === null) return { problem: `to ${JSON.stringify(query.to)} is not a date` };
  const from = query.from ? parseDay(query.from) : to - (days - 1) * MS_PER_DAY;
  if (from === null) return { problem: `from ${JSON.stringify(query.from)} is not a date` };
  if (from > to) return { problem: 'from is after to' };
  if (to - from > 3 * 366 * MS_PER_DAY) return { problem: 'a range spans at most three years' };
  return { from, to };
}

/** Calendar months (or quarters) of a range, clipped to it: the periods of a trend. */
export function periodsOf(range: DayRange, months: 1 | 3): DayRange[] {
  const out: DayRange[] = [];
  let start = range.from;
  while (start <= range.to) {
    const d = new Date(start);
    const firstMonth = months === 3 ? d.getUTCMonth() - (d.getUTCMonth() % 3) : d.getUTCMonth();
    const next = Date.UTC(d.getUTCFullYear(), firstMonth + months, 1);
    out.push({ from: start, to: Math.min(next - MS_PER_DAY, range.to) });
    start = next;
  }
  return out;
}

export const dayText = (ms: number) => utcDay(ms);
