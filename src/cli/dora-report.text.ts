import type { DoraLevel } from '../metrics/dora/benchmarks.rules.ts';
import type { FourKeys } from '../metrics/dora/four-keys.rules.ts';

export type DoraDocument = FourKeys & { project: string; from: string; to: string };

/** The four keys as a short text report for a terminal. */
export function formatDoraReport(doc: DoraDocument): string {
  const df = doc.deploymentFrequency;
  const lt = doc.leadTime;
  const cfr = doc.changeFailureRate;
  const rec = doc.recovery;
  const recoveryName = doc.report === 2023 ? 'Failed deployment recovery time' : 'Time to restore service';
  const rows: [string, string, DoraLevel | null | undefined][] = [
    [
      'Deployment frequency',
      `${plural(df.deployments, 'deployment')} on ${plural(df.deployDays, 'day')}; median deployment days: ` +
        `${num(df.medianDeployDaysPerWeek)} a week, ${num(df.medianDeployDaysPerMonth)} a month, ${num(df.medianDeployDaysPerSixMonths)} per six months`,
      df.level,
    ],
    ['Lead time for changes', lt.changes ? `median ${duration(lt.medianMinutes)} over ${plural(lt.changes, 'change')}` : 'no deployed changes', lt.level],
    [
      'Change failure rate',
      !cfr ? 'n/a (no incident data)' : cfr.rate === null ? 'no deployments' : `${(cfr.rate * 100).toFixed(1)}% (${cfr.failedDeployments} of ${plural(cfr.deployments, 'deployment')})`,
      cfr?.level,
    ],
    [recoveryName, !rec ? 'n/a (no incident data)' : rec.incidents ? `median ${duration(rec.medianMinutes)} over ${plural(rec.incidents, 'incident')}` : 'no resolved incidents', rec?.level],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  const lines = rows.map(([name, value, level]) => `  ${name.padEnd(width)}  ${value}${level ? `  [${level}]` : ''}`);
  return `DORA for ${doc.project}, ${doc.from} to ${doc.to} (${doc.report} benchmarks)\n${lines.join('\n')}\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function num(n: number | null): string {
  return n === null ? 'n/a' : String(Math.round(n * 100) / 100);
}

function duration(minutes: number | null): string {
  if (minutes === null) return 'n/a';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = Math.round(minutes % 60);
  return [days ? `${days}d` : '', hours ? `${hours}h` : '', `${rest}m`].filter(Boolean).join(' ');
}
