import { describe, expect, it } from 'vitest';
import { outsideWorkingHours, quickReverts, sustainableWork, type TeamActivity } from './sustainable-work.rules.ts';

describe('outsideWorkingHours', () => {
  it('judges the moment in the person\'s own time zone, daylight saving included', () => {
    // 2026-07-01 (a Wednesday) 16:30 UTC is 18:30 in Berlin (summer time, UTC+2) and 12:30 in New York.
    const at = new Date('2026-07-01T16:30:00Z');
    expect(outsideWorkingHours(at, 'Europe/Berlin')).toBe(true);
    expect(outsideWorkingHours(at, 'America/New_York')).toBe(false);
    // In winter Berlin is UTC+1: 16:30 UTC is 17:30, still working hours.
    expect(outsideWorkingHours(new Date('2026-01-07T16:30:00Z'), 'Europe/Berlin')).toBe(false);
    // 08:59 is before the day starts; 09:00 is in it.
    expect(outsideWorkingHours(new Date('2026-01-07T07:59:00Z'), 'Europe/Berlin')).toBe(true);
    expect(outsideWorkingHours(new Date('2026-01-07T08:00:00Z'), 'Europe/Berlin')).toBe(false);
  });

  it('counts weekends as outside, and says nothing without a valid zone', () => {
    // Saturday 2026-07-04 noon in Tokyo.
    expect(outsideWorkingHours(new Date('2026-07-04T03:00:00Z'), 'Asia/Tokyo')).toBe(true);
    expect(outsideWorkingHours(new Date('2026-07-01T10:00:00Z'), null)).toBeNull();
    expect(outsideWorkingHours(new Date('2026-07-01T10:00:00Z'), 'Mars/Olympus')).toBeNull();
  });
});

describe('quickReverts', () => {
  it('counts reverts of commits made within N days in the same repository', () => {
    const day = (d: number) => new Date(Date.UTC(2026, 0, d));
    const commits = [
      { repositoryId: 1, sha: 'a', subject: 'Add retries', at: day(1) },
      { repositoryId: 1, sha: 'b', subject: 'Revert "Add retries"', at: day(3) },
      { repositoryId: 1, sha: 'c', subject: 'Bump deps', at: day(1) },
      { repositoryId: 1, sha: 'd', subject: 'Revert "Bump deps"', at: day(20) },
      { repositoryId: 2, sha: 'e', subject: 'Revert "Add retries"', at: day(2) },
    ];
    expect(quickReverts(commits, 7)).toEqual({ reverts: 3, quick: 1 });
    expect(quickReverts(commits, 30)).toEqual({ reverts: 3, quick: 2 });
    // An original from before the period is found; a revert from before it is not counted.
    expect(quickReverts(commits.slice(1, 2), 7, commits.slice(0, 1))).toEqual({ reverts: 1, quick: 1 });
    expect(quickReverts([], 7, commits)).toEqual({ reverts: 0, quick: 0 });
  });
});

const members = (n: number, timeZone: string | null = 'Europe/London') => Array.from({ length: n }, (_, i) => ({ personId: i + 1, timeZone }));
const quiet = { pages: [], incidents: [], shifts: [], commits: [] };

describe('sustainableWork', () => {
  it('reports per team: pages out of hours, on-call per person-week, rework; small teams hidden', () => {
    const platform: TeamActivity = {
      name: 'Platform',
      members: [...members(5), { personId: 9, timeZone: null }],
      // Wednesday 2026-01-07: 03:00 and 14:00 London; one to the member without a zone.
      pages: [{ personId: 1, at: new Date('2026-01-07T03:00:00Z') }, { personId: 2, at: new Date('2026-01-07T14:00:00Z') }, { personId: 9, at: new Date('2026-01-07T03:00:00Z') }],
      incidents: [{ at: new Date('2026-01-07T03:00:00Z'), assignees: [1, 9] }, { at: new Date('2026-01-07T03:00:00Z'), assignees: [9] }],
      // Two weeks of shifts (336 hours) over 6 members and 4 weeks: 14 hours per person-week.
      shifts: [{ personId: 1, hours: 168 }, { personId: 1, hours: 168 }],
      commits: [
        { repositoryId: 1, sha: 'a', subject: 'Add cache', at: new Date('2026-01-05T10:00:00Z') },
        { repositoryId: 1, sha: 'b', subject: 'Revert "Add cache"', at: new Date('2026-01-06T10:00:00Z') },
      ],
    };
    const report = sustainableWork([platform, { name: 'Tiny', members: members(2), ...quiet }, { name: 'Search', members: members(7), ...quiet }], { from: '2026-01-01', to: '2026-01-29', reworkDays: 7, minGroup: 5 });
    // Tiny is under 5; Platform (6) goes with it, so that Tiny cannot be worked out from a total.
    expect(report.teams).toEqual([]);
    // Search has no activity at all: named among the quiet teams, not tabled.
    expect(report.quietTeams).toEqual(['Search']);
    const open = sustainableWork([platform, { name: 'Search', members: members(7), ...quiet }], { from: '2026-01-01', to: '2026-01-29', reworkDays: 7, minGroup: 5 });
    const row = open.teams.find((t) => t.name === 'Platform')!;
    expect(row.pages).toEqual({ total: 3, outsideHours: 1, unknownTimeZone: 1 });
    expect(row.incidents).toEqual({ total: 2, outsideHours: 1, unknownTimeZone: 1 });
    expect(row.onCall).toEqual({ hoursPerPersonWeek: 14, membersOnRota: 1, pagesPerOnCallWeek: 1.5 });
    expect(row.rework).toEqual({ commits: 2, reverts: 1, quickReverts: 1, share: 0.5 });
    expect(open.findings.join(' ')).toMatch(/Platform: .*on-call is carried by 1 of 6 members/u);
    expect(JSON.stringify(open)).not.toMatch(/personId/u);
  });
});
