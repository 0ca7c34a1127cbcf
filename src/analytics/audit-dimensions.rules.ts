import type { CsvTable } from './csv-table.ts';

/** One person of an in-app audit, with what any dimension may need. */
export interface AuditPerson {
  personId: number;
  /** The outcome audited, as a value of the outcome's scale (`TT`, `Meets High Bar`, `left`). */
  outcome: string;
  level: string;
  location: string | null;
  jobFunction: string | null;
  /** YYYY-MM-DD. */
  hireDate: string;
  manager: { id: number; name: string } | null;
  /** Demographic attributes by name; only those the request names are loaded. */
  attributes: Readonly<Record<string, string>>;
}

/** The value shown for a person who has no value of a dimension: a group of its own, never a guess. */
export const NOT_RECORDED = '(not recorded)';

const LABELS: Record<string, string> = { level: 'level', location: 'location', jobFunction: 'job function', tenure: 'tenure', manager: 'manager' };

/** The attribute a dimension names (`attribute:gender` is `gender`), or null for a record field. */
export function attributeOf(dimension: string): string | null {
  return dimension.startsWith('attribute:') ? dimension.slice('attribute:'.length) : null;
}

/** How a dimension reads in a report and its findings: `gender`, `job function`. */
export function dimensionLabel(dimension: string): string {
  const attribute = attributeOf(dimension);
  if (attribute === null) return LABELS[dimension] ?? dimension;
  // An attribute named like a record field ("level") must not be mistaken for it.
  return Object.values(LABELS).includes(attribute) || attribute === 'outcome' ? `${attribute} (attribute)` : attribute;
}

/**
 * Tenure in bands rather than years: a band of colleagues hired in the same year would often be
 * a group below the minimum, and a year of tenure is too fine a grain for the question asked.
 */
export function tenureBand(hireDate: string, asOf: Date): string {
  const hired = new Date(`${hireDate}T00:00:00Z`);
  let years = asOf.getUTCFullYear() - hired.getUTCFullYear();
  const before = asOf.getUTCMonth() < hired.getUTCMonth() || (asOf.getUTCMonth() === hired.getUTCMonth() && asOf.getUTCDate() < hired.getUTCDate());
  if (before) years--;
  if (years < 1) return 'under 1 year';
  if (years < 2) return '1-2 years';
  if (years < 5) return '2-5 years';
  if (years < 10) return '5-10 years';
  return '10 years or more';
}

/** A person's value of a dimension. Managers carry their id: two managers may share a name. */
export function dimensionValue(person: AuditPerson, dimension: string, asOf: Date): string {
  const attribute = attributeOf(dimension);
  if (attribute !== null) return person.attributes[attribute] ?? NOT_RECORDED;
  switch (dimension) {
    case 'level':
      return person.level;
    case 'location':
      return person.location ?? NOT_RECORDED;
    case 'jobFunction':
      return person.jobFunction ?? NOT_RECORDED;
    case 'tenure':
      return tenureBand(person.hireDate, asOf);
    case 'manager':
      return person.manager ? `${person.manager.name} (#${person.manager.id})` : '(no manager)';
    default:
      throw new Error(`unknown dimension ${dimension}`);
  }
}

/**
 * The people as the table the offline audit reads (outcome, group, controls), so the app runs the
 * very same preparation, checks and statistics as `highbar audit bias`; and each group's members,
 * for suppression across reports.
 */
export function buildAuditTable(
  people: readonly AuditPerson[],
  options: { outcomeLabel: string; group: string; controls: readonly string[]; asOf: Date },
): { table: CsvTable; members: Map<string, number[]> } {
  const dimensions = [options.group, ...options.controls];
  const header = [options.outcomeLabel, ...dimensions.map(dimensionLabel)];
  const members = new Map<string, number[]>();
  const rows = people.map((person, i) => {
    const values = dimensions.map((d) => dimensionValue(person, d, options.asOf));
    const group = values[0]!;
    const list = members.get(group);
    if (list) list.push(person.personId);
    else members.set(group, [person.personId]);
    return { line: i + 2, cells: [person.outcome, ...values] };
  });
  return { table: { header, rows }, members };
}
