/** Calendar dates as ISO `YYYY-MM-DD` strings: they compare correctly as strings and carry no time zone. */
export type IsoDate = string;

/** The same day `years` later; 29 February lands on 28 February in a common year, as payroll anniversaries do. */
export function addYears(date: IsoDate, years: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** True when `date` falls in [from, to). */
export function inWindow(date: IsoDate, from: IsoDate, to: IsoDate): boolean {
  return date >= from && date < to;
}

/** The ISO date of an instant, in UTC. */
export function isoDay(at: Date): IsoDate {
  return at.toISOString().slice(0, 10);
}
