import { compareText, suppressGroups } from './suppression.ts';

/** The working day the signals count against: weekdays, from `startHour` to `endHour` local time. */
export interface WorkingHours {
  startHour: number;
  endHour: number;
}
export const DEFAULT_WORKING_HOURS: WorkingHours = { startHour: 9, endHour: 18 };

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  if (!formatters.has(timeZone)) {
    try {
      formatters.set(timeZone, new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }));
    } catch {
      formatters.set(timeZone, null);
    }
  }
  return formatters.get(timeZone)!;
}

/**
 * Whether a moment falls outside the working day where the person is: a weekend, or before
 * `startHour` or from `endHour` on, in their IANA time zone (daylight saving included, by the
 * platform's time-zone database). Null when the zone is missing or not a zone: never guessed.
 */
export function outsideWorkingHours(at: Date, timeZone: string | null, hours: WorkingHours = DEFAULT_WORKING_HOURS): boolean | null {
  if (!timeZone) return null;
  const format = formatterFor(timeZone);
  if (!format) return null;
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  const weekday = WEEKDAYS[parts.weekday ?? ''];
  const minutes = Number(parts.hour) * 60 + Number(parts.minute);
  if (weekday === undefined || Number.isNaN(minutes)) return null;
  if (weekday === 0 || weekday === 6) return true;
  return minutes < hours.startHour * 60 || minutes >= hours.endHour * 60;
}

export interface CommitSubject {
  repositoryId: number;
  sha: string;
  subject: string;
  at: Date;
}

const REVERT = /^Revert "(.+)"$/u;

/**
 * Rework: commits that revert another commit of the same repository made at most `days` earlier
 * (git's own `Revert "<subject>"` message, matched to the latest earlier commit with that
 * subject). A revert of something old is maintenance, not rework, so it does not count.
 * `earlier` holds commits from before the period: originals may be there, but their reverts are
 * not counted again.
 */
export function quickReverts(commits: readonly CommitSubject[], days: number, earlier: readonly CommitSubject[] = []): { reverts: number; quick: number } {
  const bySubject = new Map<string, CommitSubject[]>();
  for (const c of [...earlier, ...commits]) {
    const key = `${c.repositoryId}\u0000${c.subject}`;
    const list = bySubject.get(key);
    if (list) list.push(c);
    else bySubject.set(key, [c]);
  }
  let reverts = 0;
  let quick = 0;
  for (const c of commits) {
    const match = REVERT.exec(c.subject);
    if (!match) continue;
    reverts++;
    const original = (bySubject.get(`${c.repositoryId}\u0000${match[1]}`) ?? []).filter((o) => o.at <= c.at && o.sha !== c.sha).sort((x, y) => y.at.getTime() - x.at.getTime())[0];
    if (original && c.at.getTime() - original.at.getTime() <= days * 86_400_000) quick++;
  }
  return { reverts, quick };
}

/** What one team's signals are computed from, over one period. */
export interface TeamActivity {
  name: string;
  /** Members' time zones, one entry per member (null when not recorded). */
  members: readonly { personId: number; timeZone: string | null }[];
  /** Pages received by members. */
  pages: readonly { personId: number; at: Date }[];
  /** Incidents of the team's services, with the members among their assignees. */
  incidents: readonly { at: Date; assignees: readonly number[] }[];
  /** Members' on-call shifts, clipped by the caller to the period. */
  shifts: readonly { personId: number; hours: number }[];
  commits: readonly CommitSubject[];
  /** Commits of the `reworkDays` before the period, where a reverted original may be. */
  earlierCommits?: readonly CommitSubject[];
}

export interface TeamSignals {
  name: string;
  members: number;
  pages: { total: number; outsideHours: number; unknownTimeZone: number };
  incidents: { total: number; outsideHours: number; unknownTimeZone: number };
  onCall: {
    /** On-call hours per member per week: the load spread over the whole team. */
    hoursPerPersonWeek: number;
    /** Members who held at least one shift: the load is heavier when few carry it. */
    membersOnRota: number;
    /** Pages per week of on-call (168 hours of shifts). */
    pagesPerOnCallWeek: number | null;
  };
  rework: { commits: number; reverts: number; quickReverts: number; share: number | null };
}

export interface SustainableWorkReport {
  from: string;
  to: string;
  reworkDays: number;
  workingHours: WorkingHours;
  minGroup: number;
  teams: TeamSignals[];
  suppressed: { teams: number; people: number };
  /** Teams shown with nothing in the period (no page, incident, shift or commit): named once, not tabled. */
  quietTeams: string[];
  findings: string[];
}

/**
 * Sustainable-work signals per team, never per person: pages and incidents outside each
 * responder's working hours in their own time zone, on-call load per person-week, and rework.
 * Teams under the minimum group size are hidden (their pages would be one or two people's
 * nights), with complementary suppression as in every report. Teams are listed by name: this is
 * context for a conversation about load, not a league table.
 */
export function sustainableWork(teams: readonly TeamActivity[], options: { from: string; to: string; reworkDays: number; minGroup: number; workingHours?: WorkingHours }): SustainableWorkReport {
  const hours = options.workingHours ?? DEFAULT_WORKING_HOURS;
  const weeks = Math.max(1, (Date.parse(`${options.to}T00:00:00Z`) - Date.parse(`${options.from}T00:00:00Z`)) / (7 * 86_400_000));
  const suppression = suppressGroups(teams.map((t) => ({ value: t.name, n: t.members.length })), options.minGroup);
  const shown = new Set(suppression.visible);
  const rows = teams
    .filter((t) => shown.has(t.name))
    .sort((x, y) => compareText(x.name, y.name))
    .map((team): TeamSignals => {
      const zone = new Map(team.members.map((m) => [m.personId, m.timeZone]));
      const pageFlags = team.pages.map((p) => outsideWorkingHours(p.at, zone.get(p.personId) ?? null, hours));
      // An incident is out of hours when it was for any assignee whose zone is known.
      const incidentFlags = team.incidents.map((i) => {
        const flags = i.assignees.map((a) => outsideWorkingHours(i.at, zone.get(a) ?? null, hours)).filter((f): f is boolean => f !== null);
        return flags.length ? flags.some(Boolean) : null;
      });
      const shiftHours = team.shifts.reduce((s, x) => s + x.hours, 0);
      const rework = quickReverts(team.commits, options.reworkDays, team.earlierCommits);
      return {
        name: team.name,
        members: team.members.length,
        pages: { total: pageFlags.length, outsideHours: pageFlags.filter((f) => f === true).length, unknownTimeZone: pageFlags.filter((f) => f === null).length },
        incidents: { total: incidentFlags.length, outsideHours: incidentFlags.filter((f) => f === true).length, unknownTimeZone: incidentFlags.filter((f) => f === null).length },
        onCall: {
          hoursPerPersonWeek: shiftHours / (team.members.length * weeks),
          membersOnRota: new Set(team.shifts.map((s) => s.personId)).size,
          pagesPerOnCallWeek: shiftHours > 0 ? team.pages.length / (shiftHours / 168) : null,
        },
        rework: { commits: team.commits.length, reverts: rework.reverts, quickReverts: rework.quick, share: team.commits.length ? rework.quick / team.commits.length : null },
      };
    });
  const quiet = (t: TeamSignals) => t.pages.total === 0 && t.incidents.total === 0 && t.onCall.membersOnRota === 0 && t.rework.commits === 0;
  const report: SustainableWorkReport = {
    from: options.from,
    to: options.to,
    reworkDays: options.reworkDays,
    workingHours: hours,
    minGroup: options.minGroup,
    teams: rows.filter((t) => !quiet(t)),
    suppressed: { teams: suppression.hidden.length, people: suppression.hiddenPeople },
    quietTeams: rows.filter(quiet).map((t) => t.name),
    findings: [],
  };
  report.findings = describeSustainableWork(report);
  return report;
}

const pct = (part: number, whole: number) => `${Math.round((part / whole) * 100)}%`;

function describeSustainableWork(report: SustainableWorkReport): string[] {
  const findings = [
    `From ${report.from} to ${report.to}. Outside working hours means a weekend, or before ${report.workingHours.startHour}:00 or from ${report.workingHours.endHour}:00 on, in the responder's own time zone; a page to someone with no time zone on record is counted as unknown, never guessed. Rework is a revert of a commit made at most ${report.reworkDays} days earlier. These are team signals for a conversation about load, never a measure of a person.`,
  ];
  if (report.quietTeams.length) findings.push(`${report.quietTeams.length} team${report.quietTeams.length === 1 ? ' has' : 's have'} no pages, incidents, on-call shifts or commits on record in the period (no metrics ingested for them, or a quiet time): ${report.quietTeams.join(', ')}.`);
  if (report.suppressed.teams) findings.push(`${report.suppressed.teams} team${report.suppressed.teams === 1 ? '' : 's'} (${report.suppressed.people} people) not shown: under ${report.minGroup} people, or hidden so that a smaller one cannot be worked out.`);
  for (const t of report.teams) {
    const notes: string[] = [];
    const knownPages = t.pages.total - t.pages.unknownTimeZone;
    if (knownPages > 0 && t.pages.outsideHours / knownPages >= 0.5) notes.push(`${pct(t.pages.outsideHours, knownPages)} of pages with a known time zone came outside working hours`);
    if (t.onCall.membersOnRota > 0 && t.onCall.membersOnRota < t.members / 2) notes.push(`on-call is carried by ${t.onCall.membersOnRota} of ${t.members} members`);
    if (t.rework.share !== null && t.rework.share >= 0.05) notes.push(`${pct(t.rework.quickReverts, t.rework.commits)} of commits are quick reverts`);
    if (notes.length) findings.push(`${t.name}: ${notes.join('; ')}. Worth asking the team what would help.`);
  }
  return findings;
}
