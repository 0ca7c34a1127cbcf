/** URA: unregretted attrition against its yearly target, by organisation and quarter (DOMAIN.md section 5). */

export interface UraPerson {
  personId: number;
  hireDate: string;
}

export interface UraExit {
  personId: number;
  exitDate: string;
  kind: 'voluntary' | 'involuntary';
  regretted: boolean;
}

export interface UraQuarter {
  quarter: string;
  headcount: number;
  exits: number;
  voluntary: number;
  involuntary: number;
  regretted: number;
  unregretted: number;
  cumulativeUnregrettedPercent: number | null;
  targetToDatePercent: number;
}

const QUARTER_STARTS = ['01-01', '04-01', '07-01', '10-01'];

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Headcount on a day: people hired on or before it who had not left before it. Counting from
 * hire dates and recorded exits (rather than today's status) lets past quarters be recomputed.
 */
export function headcountOn(day: string, people: readonly UraPerson[], exits: readonly UraExit[]): number {
  const leftBefore = new Set(exits.filter((e) => e.exitDate < day).map((e) => e.personId));
  return people.filter((p) => p.hireDate <= day && !leftBefore.has(p.personId)).length;
}

/**
 * One organisation's year, quarter by quarter: exits by kind, and the unregretted share so far
 * against the target pro rata (a 6% year is 1.5% by the end of March). The share's denominator is
 * the headcount on 1 January, so the four quarters add up to the year.
 */
export function uraYear(input: { year: number; people: readonly UraPerson[]; exits: readonly UraExit[]; targetPercent: number }): { headcountAtStart: number; quarters: UraQuarter[]; actualPercent: number | null } {
  const { year } = input;
  const start = `${year}-01-01`;
  const headcountAtStart = headcountOn(start, input.people, input.exits);
  let unregrettedSoFar = 0;
  const quarters = QUARTER_STARTS.map((from, i) => {
    const first = `${year}-${from}`;
    const next = i < 3 ? `${year}-${QUARTER_STARTS[i + 1]}` : `${year + 1}-01-01`;
    const inQuarter = input.exits.filter((e) => e.exitDate >= first && e.exitDate < next);
    const unregretted = inQuarter.filter((e) => !e.regretted).length;
    unregrettedSoFar += unregretted;
    return {
      quarter: `${year}-Q${i + 1}`,
      headcount: headcountOn(first, input.people, input.exits),
      exits: inQuarter.length,
      voluntary: inQuarter.filter((e) => e.kind === 'voluntary').length,
      involuntary: inQuarter.filter((e) => e.kind === 'involuntary').length,
      regretted: inQuarter.length - unregretted,
      unregretted,
      cumulativeUnregrettedPercent: headcountAtStart ? round2((unregrettedSoFar / headcountAtStart) * 100) : null,
      targetToDatePercent: round2((input.targetPercent * (i + 1)) / 4),
    };
  });
  return { headcountAtStart, quarters, actualPercent: quarters[3]!.cumulativeUnregrettedPercent };
}
