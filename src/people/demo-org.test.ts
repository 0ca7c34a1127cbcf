import { describe, expect, it } from 'vitest';
import { generatePeopleExport } from './demo-org.ts';
import { parsePeopleCsv, type PersonRow } from './people-csv.rules.ts';
import { DEFAULT_LADDER } from './default-ladder.ts';

const knownLevels = new Set(DEFAULT_LADDER.levels.map((l) => l.code));
const SDM = 'Software Development Manager';

/** Generates and parses an export; every test below reads the rows the importer would see. */
function parsedExport(people: number, seed = 2026): PersonRow[] {
  const { csv, rows } = generatePeopleExport({ seed, people });
  const parsed = parsePeopleCsv(Buffer.from(csv), { knownLevels });
  if (!parsed.ok) throw new Error(`problems: ${JSON.stringify(parsed.problems.slice(0, 5))}`);
  expect(parsed.value.rows).toHaveLength(rows);
  return parsed.value.rows;
}

const demo = parsedExport(360);
const large = parsedExport(10_000, 7);

function reportsOf(rows: PersonRow[]): Map<string, PersonRow[]> {
  const reports = new Map<string, PersonRow[]>();
  for (const row of rows) if (row.managerEmployeeId) reports.set(row.managerEmployeeId, [...(reports.get(row.managerEmployeeId) ?? []), row]);
  return reports;
}

function depthOf(rows: PersonRow[]): number {
  const byId = new Map(rows.map((r) => [r.employeeId, r]));
  let deepest = 0;
  for (const row of rows) {
    let depth = 1;
    for (let r = row; r.managerEmployeeId; r = byId.get(r.managerEmployeeId)!) depth++;
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

describe('generatePeopleExport', () => {
  it('gives byte-identical files for the same seed and different ones for another seed', () => {
    const a = generatePeopleExport({ seed: 11, people: 500 });
    expect(generatePeopleExport({ seed: 11, people: 500 }).csv).toBe(a.csv);
    expect(generatePeopleExport({ seed: 12, people: 500 }).csv).not.toBe(a.csv);
  });

  it('honours the requested number of people exactly', () => {
    for (const people of [40, 41, 99, 360, 361, 1234]) {
      const { csv, rows } = generatePeopleExport({ seed: 3, people });
      expect(rows).toBe(people);
      expect(csv.trimEnd().split('\n')).toHaveLength(people + 1);
    }
  });

  it('refuses sizes too small for the structure', () => {
    expect(() => generatePeopleExport({ seed: 1, people: 10 })).toThrow(RangeError);
  });

  it('writes the People CSV header with demographic attributes', () => {
    const header = generatePeopleExport({ seed: 1, people: 40 }).csv.split('\n')[0];
    expect(header).toBe(
      'employee_id,name,email,manager_id,level,hire_date,title,team,location,job_function,status,time_zone,attr_gender,attr_ethnicity,attr_age_band',
    );
  });

  it.each([
    ['360', demo],
    ['10,000', large],
  ])('has one CTO over at least three VP organisations at %s people', (_, rows) => {
    const tops = rows.filter((r) => !r.managerEmployeeId);
    expect(tops).toHaveLength(1);
    expect(tops[0]).toMatchObject({ level: 'L10' });
    const vps = reportsOf(rows).get(tops[0]!.employeeId) ?? [];
    expect(vps.length).toBeGreaterThanOrEqual(3);
    for (const vp of vps) expect(vp).toMatchObject({ level: 'L8', title: expect.stringMatching(/^VP Engineering, /u) });
  });

  it.each([
    ['360', demo],
    ['10,000', large],
  ])('gives every front-line manager at least two L5 reports and teams of 5-10 engineers at %s people', (_, rows) => {
    const reports = reportsOf(rows);
    const managers = rows.filter((r) => r.title === SDM);
    expect(managers.length).toBeGreaterThan(0);
    for (const manager of managers) {
      const team = reports.get(manager.employeeId) ?? [];
      expect(['L6', 'L7']).toContain(manager.level);
      expect(team.filter((r) => r.level === 'L5').length).toBeGreaterThanOrEqual(2);
      expect(team.length).toBeGreaterThanOrEqual(5);
      expect(team.length).toBeLessThanOrEqual(10);
      for (const engineer of team) expect(engineer).toMatchObject({ team: manager.team, jobFunction: 'Software Engineering' });
    }
  });

  it('names at least 30 distinct teams, each led by one manager, at 360 people', () => {
    const managers = demo.filter((r) => r.title === SDM);
    const teams = new Set(managers.map((m) => m.team));
    expect(teams.size).toBeGreaterThanOrEqual(30);
    expect(teams.size).toBe(managers.length);
  });

  it('builds a pyramid: most engineers L5, then L4 and L6, few L7', () => {
    const engineers = large.filter((r) => r.jobFunction === 'Software Engineering');
    const count = (level: string) => engineers.filter((r) => r.level === level).length;
    expect(count('L5')).toBeGreaterThan(count('L4'));
    expect(count('L4')).toBeGreaterThan(count('L6'));
    expect(count('L6')).toBeGreaterThan(count('L7'));
    expect(count('L7') / engineers.length).toBeLessThan(0.08);
  });

  it('keeps management at most 8 deep', () => {
    expect(depthOf(demo)).toBeLessThanOrEqual(8);
    expect(depthOf(large)).toBeLessThanOrEqual(8);
  });

  it('uses unique zero-padded employee ids and unique ASCII emails', () => {
    for (const rows of [demo, large]) {
      expect(new Set(rows.map((r) => r.employeeId)).size).toBe(rows.length);
      expect(new Set(rows.map((r) => r.email.toLowerCase())).size).toBe(rows.length);
      for (const row of rows) {
        expect(row.employeeId).toMatch(/^E\d{6}$/u);
        expect(row.email).toMatch(/^[a-z0-9-]+\.[a-z0-9-]+\d*@highbar\.demo$/u);
      }
    }
  });

  it('dates hires between 2012 and mid-2026, senior people earlier on average', () => {
    const mean = (level: string) => {
      const days = large.filter((r) => r.level === level && r.jobFunction === 'Software Engineering').map((r) => Date.parse(r.hireDate));
      return days.reduce((a, b) => a + b, 0) / days.length;
    };
    for (const row of large) {
      expect(row.hireDate >= '2012-01-01').toBe(true);
      expect(row.hireDate <= '2026-06-30').toBe(true);
    }
    expect(mean('L4')).toBeGreaterThan(mean('L6'));
  });

  it('pairs each location with its IANA time zone and keeps most people active', () => {
    const zones = new Map<string, Set<string>>();
    for (const row of large) zones.set(row.location!, (zones.get(row.location!) ?? new Set()).add(row.timeZone!));
    for (const set of zones.values()) expect(set.size).toBe(1);
    expect(zones.get('Seattle')).toEqual(new Set(['America/Los_Angeles']));
    expect(zones.get('Bangalore')).toEqual(new Set(['Asia/Kolkata']));
    const onLeave = large.filter((r) => r.status === 'leave').length / large.length;
    expect(onLeave).toBeGreaterThan(0.005);
    expect(onLeave).toBeLessThan(0.04);
    expect(large.every((r) => r.status === 'active' || r.status === 'leave')).toBe(true);
  });

  it('fills demographic attributes with plausible values', () => {
    const share = (name: string, value: string) => large.filter((r) => r.attributes[name] === value).length / large.length;
    expect(new Set(large.map((r) => r.attributes.gender))).toEqual(new Set(['Man', 'Woman', 'Non-binary', 'Undisclosed']));
    expect(share('gender', 'Woman')).toBeGreaterThan(0.2);
    expect(share('gender', 'Non-binary')).toBeLessThan(0.05);
    for (const row of large) expect(row.attributes.age_band).toMatch(/^(18-24|25-34|35-44|45-54|55\+)$/u);
    expect(large.every((r) => r.attributes.ethnicity)).toBe(true);
  });

  it('quotes fields with commas so they survive a round trip', () => {
    const { csv } = generatePeopleExport({ seed: 2026, people: 360 });
    expect(csv).toContain('"VP Engineering, Retail Platform"');
    expect(demo.some((r) => r.title === 'VP Engineering, Retail Platform')).toBe(true);
    // Generational suffixes ("Smith, Jr.") are rare; ten thousand people carry a few.
    expect(large.some((r) => r.name.includes(', '))).toBe(true);
  });
});
