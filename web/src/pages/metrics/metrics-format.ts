/** "45 min", "6 h 30 min", "3 d 4 h": a duration in whole minutes, for people. */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '—';
  if (minutes < 60) return `${Math.round(minutes)} min`;
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    const m = Math.round(minutes % 60);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const d = Math.floor(minutes / (24 * 60));
  const h = Math.round((minutes % (24 * 60)) / 60);
  return h ? `${d} d ${h} h` : `${d} d`;
}

export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return '—';
  return `${(value * 100).toFixed(digits).replace(/\.0+$/u, '')}%`;
}

export type Level = 'elite' | 'high' | 'medium' | 'low';
export const LEVEL_LABELS: Record<Level, string> = { elite: 'Elite', high: 'High', medium: 'Medium', low: 'Low' };

/** The last 90 days ending today, as YYYY-MM-DD bounds. */
export function lastDays(days: number, today = new Date()): { from: string; to: string } {
  const to = today.toISOString().slice(0, 10);
  const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (days - 1))).toISOString().slice(0, 10);
  return { from, to };
}
