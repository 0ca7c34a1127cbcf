import { OV_RATINGS, type OlrPolicy } from '../policy/olr.schema.ts';
import { describeViolation } from './distribution.rules.ts';
import type { RosterReport } from './roster-check.rules.ts';

const groupName = (group: string | null, groupBy: string | null) => (group === null ? 'Whole roster' : `${groupBy ?? 'Group'} ${group === '' ? '(empty)' : group}`);

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => `  ${r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')}`.trimEnd());
}

/** The default, human output of `highbar calibrate`: people, each group against its targets, then what to fix. */
export function formatRosterReport(report: RosterReport, options: { groupBy: string | null; olr: OlrPolicy }): string {
  const { groupBy } = options;
  const fromSize = new Map(options.olr.distribution.targets.map((t) => [t.rating, t.fromGroupSize]));
  const out: string[] = [];
  out.push(`Policy ${report.policy}: ${report.forced ? 'forced distribution (a group outside its targets cannot be finalised)' : 'guideline distribution (groups outside their targets are flagged, not blocked)'}`);
  out.push(`${report.people.length} ${report.people.length === 1 ? 'person' : 'people'}${groupBy ? `, ${report.groups.length} groups by ${groupBy}` : ''}`, '');
  out.push(...table([['employee_id', 'OV', 'Forte summary'], ...report.people.map((p) => [p.employee_id, p.ov, p.forte])]), '');

  for (const group of report.groups) {
    out.push(`${groupName(group.group, groupBy)}: ${group.size} ${group.size === 1 ? 'person' : 'people'}`);
    out.push(`  ${OV_RATINGS.map((r) => `${r} ${group.counts[r]}`).join('  ')}`);
    const rows = group.targets.map((t) => [
      t.rating,
      String(t.count),
      t.applies ? `allowed ${t.allowedMin === t.allowedMax ? t.allowedMin : `${t.allowedMin}-${t.allowedMax}`}` : `target applies from ${fromSize.get(t.rating)} people`,
      t.ok ? 'ok' : t.count > t.allowedMax ? `${t.count - t.allowedMax} over` : `${t.allowedMin - t.count} under`,
    ]);
    if (rows.length) out.push(...table(rows));
    out.push('');
  }

  if (report.violations.length === 0) out.push('Every group is within its targets.');
  else {
    const n = report.violations.length;
    out.push(report.forced ? `${n} ${n === 1 ? 'violation blocks' : 'violations block'} finalising:` : `${n} ${n === 1 ? 'warning' : 'warnings'} (guidelines: nothing is blocked):`);
    for (const v of report.violations) out.push(`  ${groupName(v.group, groupBy)}: ${describeViolation(v)}`);
  }
  return `${out.join('\n')}\n`;
}
