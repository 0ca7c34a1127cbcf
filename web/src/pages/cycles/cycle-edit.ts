import type { Problem } from '../../api/client.ts';
import type { UpdateCycleBody } from '../../api/cycles.ts';
import { updateCycleBodySchema } from '../../../../src/shared/schemas/cycles.ts';
import { PHASES, phaseLabel, type Phase } from './cycle-format.ts';
import { formatDateTime, fromInputValue, toInputValue } from './deadline-input.ts';

/** The fields of the "Edit cycle" form. */
export type EditField = 'name' | Phase;
export type EditErrors = Partial<Record<EditField, string>>;

/** What the form holds: the name as typed and one datetime-local value per phase. */
export interface CycleEditValues {
  name: string;
  deadlines: Record<Phase, string>;
}

/** One change to confirm, with ISO instants for deadlines. */
export interface CycleChange {
  field: EditField;
  from: string;
  to: string;
}

type Stored = { name: string; deadlines: Record<string, string> };

/** The form's starting values for a cycle, deadlines in `timeZone`. */
export function editValuesOf(cycle: Stored, timeZone: string): CycleEditValues {
  const deadlines = Object.fromEntries(PHASES.map((p) => [p, toInputValue(cycle.deadlines[p] ?? '', timeZone)])) as Record<Phase, string>;
  return { name: cycle.name, deadlines };
}

/**
 * The request a filled-in form makes, and the changes it makes, or the fields to fix first.
 * A deadline whose input still shows the stored minute keeps the stored instant: the input has
 * no seconds, and "23:59:59.999" must not become "23:59" just because another field changed.
 * Phase order is the server's to judge (it names the field it refuses).
 */
export function readCycleEdit(
  cycle: Stored,
  values: CycleEditValues,
  timeZone: string,
): { ok: true; body: UpdateCycleBody; changes: CycleChange[] } | { ok: false; errors: EditErrors } {
  const errors: EditErrors = {};
  const name = values.name.trim();
  if (!updateCycleBodySchema.shape.name.safeParse(name).success) {
    errors.name = name ? 'Keep the name to 200 characters or fewer.' : 'Name the cycle, for example “Forte 2026”.';
  }
  const changes: CycleChange[] = name === cycle.name ? [] : [{ field: 'name', from: cycle.name, to: name }];
  const deadlines = {} as Record<Phase, string>;
  for (const phase of PHASES) {
    const stored = cycle.deadlines[phase] ?? '';
    const value = values.deadlines[phase];
    if (value === toInputValue(stored, timeZone)) {
      deadlines[phase] = stored;
      continue;
    }
    const iso = fromInputValue(value, timeZone);
    if (iso === null) errors[phase] = 'Enter a date and a time.';
    else {
      deadlines[phase] = iso;
      changes.push({ field: phase, from: stored, to: iso });
    }
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const body: UpdateCycleBody = {};
  if (name !== cycle.name) body.name = name;
  if (changes.some((c) => c.field !== 'name')) body.deadlines = deadlines;
  return { ok: true, body, changes };
}

/** The field's name in sentences: "the name", "the peer feedback deadline". */
export function fieldLabel(field: EditField): string {
  return field === 'name' ? 'the name' : `the ${phaseLabel(field).toLowerCase()} deadline`;
}

/** One change as the confirmation lists it. */
export function describeChange(change: CycleChange, timeZone: string): { what: string; from: string; to: string } {
  if (change.field === 'name') return { what: 'Name', from: `“${change.from}”`, to: `“${change.to}”` };
  return { what: `${phaseLabel(change.field)} deadline`, from: formatDateTime(change.from, timeZone), to: formatDateTime(change.to, timeZone) };
}

/** "the name and 2 deadlines", "the peer feedback deadline": what a save changed. */
export function summariseChanges(changes: CycleChange[]): string {
  const deadlines = changes.filter((c) => c.field !== 'name');
  const renamed = changes.length > deadlines.length;
  const moved = deadlines.length === 1 ? fieldLabel(deadlines[0]!.field) : deadlines.length ? `${deadlines.length} deadlines` : '';
  return [renamed ? 'the name' : '', moved].filter(Boolean).join(' and ');
}

const FIELD_PATH = /^body\.(?:(name)|deadlines\.([a-z_]+))$/u;
const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/gu;

/**
 * A refused save split for the form: each field's problem as a sentence to show beside it (with
 * instants in `timeZone`), and what is left for the message above the buttons.
 */
export function editProblems(problem: Problem, timeZone: string): { fields: EditErrors; problem: Problem } {
  const fields: EditErrors = {};
  const rest: NonNullable<Problem['errors']> = [];
  for (const error of problem.errors ?? []) {
    const m = FIELD_PATH.exec(error.path);
    const field = (m?.[1] ?? m?.[2]) as EditField | undefined;
    if (field && (field === 'name' || (PHASES as readonly string[]).includes(field))) fields[field] ??= asSentence(error.message, timeZone);
    else rest.push(error);
  }
  const count = Object.keys(fields).length;
  if (!count) return { fields, problem };
  const detail = rest.length ? rest.map((e) => `${e.path.replace(/^body\./u, '')} ${e.message}`).join('; ') : `${count === 1 ? 'One field needs' : `${count} fields need`} changing: see the message beside ${count === 1 ? 'it' : 'each'}.`;
  return { fields, problem: { ...problem, detail, errors: [] } };
}

function asSentence(message: string, timeZone: string): string {
  const text = message.replace(ISO_INSTANT, (iso) => formatDateTime(iso, timeZone)).trim();
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/u.test(sentence) ? sentence : `${sentence}.`;
}
