import { MS_PER_DAY } from './timestamps.rules.ts';

/**
 * A team's operational load from its vulnerabilities and tickets over a period (DOMAIN.md
 * section 7: team context, never a rating of one person). Pure: items come in with epoch-ms times.
 */
export interface OperationalItem {
  severity: string | null;
  openedAt: number;
  resolvedAt: number | null;
}

export interface ItemStats {
  /** Open at the end of the period. */
  open: number;
  openedInPeriod: number;
  resolvedInPeriod: number;
  /** Median days from opening to resolution of the items resolved in the period (the lower middle of an even count). */
  medianDaysToResolve: number | null;
  /** Open at the end of the period, per severity (most first; `unknown` when the source gave none). */
  openBySeverity: { severity: string; open: number }[];
}

/** The period is `[from, end)` in epoch ms. */
export function itemStats(items: readonly OperationalItem[], from: number, end: number): ItemStats {
  const openAtEnd = items.filter((i) => i.openedAt < end && (i.resolvedAt === null || i.resolvedAt >= end));
  const resolved = items.filter((i) => i.resolvedAt !== null && i.resolvedAt >= from && i.resolvedAt < end);
  const days = resolved.map((i) => (i.resolvedAt! - i.openedAt) / MS_PER_DAY).sort((a, b) => a - b);
  const bySeverity = new Map<string, number>();
  for (const item of openAtEnd) {
    const severity = item.severity?.toLowerCase() || 'unknown';
    bySeverity.set(severity, (bySeverity.get(severity) ?? 0) + 1);
  }
  return {
    open: openAtEnd.length,
    openedInPeriod: items.filter((i) => i.openedAt >= from && i.openedAt < end).length,
    resolvedInPeriod: resolved.length,
    medianDaysToResolve: days.length ? Math.round(days[Math.floor((days.length - 1) / 2)]! * 10) / 10 : null,
    openBySeverity: [...bySeverity].map(([severity, open]) => ({ severity, open })).sort((a, b) => b.open - a.open || (a.severity < b.severity ? -1 : 1)),
  };
}

/** Pages per week (weeks start on Monday, UTC) from the week of `from` to the week of `end - 1`, quiet weeks as 0. */
export function pagesPerWeek(pageTimes: readonly number[], from: number, end: number): { week: number; pages: number }[] {
  const monday = (ms: number) => {
    const day = Math.floor(ms / MS_PER_DAY) * MS_PER_DAY;
    return day - ((new Date(day).getUTCDay() + 6) % 7) * MS_PER_DAY;
  };
  const weeks: { week: number; pages: number }[] = [];
  for (let week = monday(from); week < end; week += 7 * MS_PER_DAY) weeks.push({ week, pages: 0 });
  for (const at of pageTimes) {
    const slot = weeks.find((w) => w.week === monday(at));
    if (slot && at >= from && at < end) slot.pages++;
  }
  return weeks;
}
