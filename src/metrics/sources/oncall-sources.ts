import { z } from 'zod';
import { parseTimestamp } from '../timestamps.rules.ts';
import type { OncallPageEvent, OncallShiftEvent } from './events.ts';
import { jsonPathText, lineColumn, locateJsonPath, parseJsonText, validateJson } from './json-source.ts';
import { timestampCell } from './operations-sources.ts';
import { formatProblem, missingColumns, readCsvRecords, type SourceProblem } from './source-problems.ts';

type Parsed<T> = { value: T } | { problems: string[] };

/**
 * On-call shifts as CSV (docs/metrics.md, "On-call"): `schedule`, `person`, `start`, `end`, and
 * optionally `service`. `person` is how the source names the person (an email, or a PagerDuty
 * user id mapped under identities). A shift is identified by its schedule, person and start.
 */
export function parseShiftsCsv(bytes: Uint8Array, file: string): Parsed<OncallShiftEvent[]> {
  const read = readCsvRecords(bytes);
  if ('problems' in read) return { problems: read.problems.map((p) => formatProblem(file, p)) };
  const problems: SourceProblem[] = missingColumns(read.header, ['schedule', 'person', 'start', 'end'], 'an on-call shifts file');
  if (problems.length) return { problems: problems.map((p) => formatProblem(file, p)) };
  const shifts: OncallShiftEvent[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of read.records) {
    const before = problems.length;
    const schedule = cells.get('schedule')!;
    const person = cells.get('person')!;
    if (!schedule) problems.push({ line, column: 'schedule', reason: 'is empty' });
    if (!person) problems.push({ line, column: 'person', reason: 'is empty' });
    const startsAt = timestampCell(cells.get('start')!, line, 'start', problems, true);
    const endsAt = timestampCell(cells.get('end')!, line, 'end', problems, true);
    if (startsAt !== null && endsAt !== null && endsAt <= startsAt) problems.push({ line, column: 'end', reason: 'is not after start' });
    const key = JSON.stringify([schedule, person.toLowerCase(), startsAt]);
    if (seen.has(key)) problems.push({ line, column: 'start', reason: `${person} on ${schedule} at this start repeats line ${seen.get(key)}` });
    seen.set(key, line);
    if (problems.length > before) continue;
    shifts.push({ schedule, person, service: cells.get('service') || null, startsAt: startsAt!, endsAt: endsAt! });
  }
  return problems.length ? { problems: problems.map((p) => formatProblem(file, p)) } : { value: shifts };
}

/**
 * Pages as CSV: `id`, `person`, `at`, and optionally `source` (default `csv`), `service` and
 * `incident` (the incident's id in its source, e.g. a PagerDuty incident id).
 */
export function parsePagesCsv(bytes: Uint8Array, file: string): Parsed<OncallPageEvent[]> {
  const read = readCsvRecords(bytes);
  if ('problems' in read) return { problems: read.problems.map((p) => formatProblem(file, p)) };
  const problems: SourceProblem[] = missingColumns(read.header, ['id', 'person', 'at'], 'an on-call pages file');
  if (problems.length) return { problems: problems.map((p) => formatProblem(file, p)) };
  const pages: OncallPageEvent[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of read.records) {
    const before = problems.length;
    const source = cells.get('source') || 'csv';
    const id = cells.get('id')!;
    const person = cells.get('person')!;
    if (!id) problems.push({ line, column: 'id', reason: 'is empty' });
    if (!person) problems.push({ line, column: 'person', reason: 'is empty' });
    const at = timestampCell(cells.get('at')!, line, 'at', problems, true);
    const key = `${source}\u0000${id}`;
    if (id && seen.has(key)) problems.push({ line, column: 'id', reason: `${source} page ${id} repeats line ${seen.get(key)}` });
    seen.set(key, line);
    if (problems.length > before) continue;
    pages.push({ source, externalId: id, person, service: cells.get('service') || null, incidentExternalId: cells.get('incident') || null, at: at! });
  }
  return problems.length ? { problems: problems.map((p) => formatProblem(file, p)) } : { value: pages };
}

const time = z.string().refine((t) => parseTimestamp(t) !== null, 'is not an ISO 8601 timestamp');
/** A PagerDuty user reference, or the full user when the export asked for `include[]=users`. */
const user = z.object({ id: z.string().min(1), summary: z.string().nullish(), email: z.string().nullish() }).loose();
const reference = z.object({ id: z.string().min(1).optional(), summary: z.string().nullish() }).loose();

/** How a PagerDuty user is named in Highbar: the email when the export has it, else the user id. */
const personOf = (u: z.infer<typeof user>) => u.email || u.id;

const oncall = z
  .object({
    user,
    schedule: reference.nullish(),
    escalation_policy: reference.nullish(),
    escalation_level: z.number().int().optional(),
    start: time.nullish(),
    end: time.nullish(),
  })
  .loose();

/** A parsed export, with how many entries it held that are not shifts or pages (and why). */
export interface OncallExport<T> {
  rows: T[];
  skipped: number;
}

/**
 * PagerDuty's on-calls export (GET /oncalls with `since` and `until`, pages concatenated, as
 * `{"oncalls": [...]}` or the bare list). Each entry with a start and an end is a shift of its
 * schedule (the escalation policy's name when the person is on call through the policy
 * directly). Entries without times (permanently on call) are skipped and counted. The same
 * shift appears once per escalation policy using the schedule: it is kept once.
 */
export function parsePagerDutyOncalls(text: string, file: string): Parsed<OncallExport<OncallShiftEvent>> {
  const entries = envelope(text, file, 'oncalls', oncall);
  if ('problems' in entries) return entries;
  const problems: string[] = [];
  const shifts = new Map<string, OncallShiftEvent>();
  let skipped = 0;
  entries.value.forEach((entry, i) => {
    if (!entry.start || !entry.end) {
      skipped++;
      return;
    }
    const schedule = entry.schedule?.summary || entry.schedule?.id || (entry.escalation_policy ? `escalation policy ${entry.escalation_policy.summary || entry.escalation_policy.id}` : null);
    if (!schedule) {
      problems.push(problemAt(text, file, entries.path(i, 'schedule'), 'names neither a schedule nor an escalation policy'));
      return;
    }
    const startsAt = parseTimestamp(entry.start)!;
    const endsAt = parseTimestamp(entry.end)!;
    if (endsAt <= startsAt) problems.push(problemAt(text, file, entries.path(i, 'end'), 'is not after start'));
    const person = personOf(entry.user);
    shifts.set(JSON.stringify([schedule, person.toLowerCase(), startsAt]), { schedule, person, service: null, startsAt, endsAt });
  });
  return problems.length ? { problems } : { value: { rows: [...shifts.values()], skipped } };
}

const logEntry = z
  .object({
    id: z.string().min(1),
    type: z.string().min(1),
    created_at: time,
    user: user.nullish(),
    incident: reference.nullish(),
    service: reference.nullish(),
  })
  .loose();

/**
 * PagerDuty's log entries export (GET /log_entries, pages concatenated, as `{"log_entries":
 * [...]}` or the bare list). A `notify_log_entry` is a page to its `user`; every other entry
 * (triggered, acknowledged, escalated, ...) is skipped and counted.
 */
export function parsePagerDutyLogEntries(text: string, file: string): Parsed<OncallExport<OncallPageEvent>> {
  const entries = envelope(text, file, 'log_entries', logEntry);
  if ('problems' in entries) return entries;
  const problems: string[] = [];
  const pages = new Map<string, OncallPageEvent>();
  let skipped = 0;
  entries.value.forEach((entry, i) => {
    if (!/^notify_log_entry(_reference)?$/u.test(entry.type)) {
      skipped++;
      return;
    }
    if (!entry.user) {
      problems.push(problemAt(text, file, entries.path(i, 'user'), 'a notify_log_entry needs the user it notified'));
      return;
    }
    pages.set(entry.id, {
      source: 'pagerduty',
      externalId: entry.id,
      person: personOf(entry.user),
      service: entry.service?.summary || null,
      incidentExternalId: entry.incident?.id ?? null,
      at: parseTimestamp(entry.created_at)!,
    });
  });
  return problems.length ? { problems } : { value: { rows: [...pages.values()], skipped } };
}

/** A list export as `{"<key>": [...]}` (PagerDuty's envelope) or the bare list, validated in the shape it has. */
function envelope<T>(text: string, file: string, key: string, item: z.ZodType<T>): { value: T[]; path: (i: number, field: string) => (string | number)[] } | { problems: string[] } {
  const json = parseJsonText(text);
  if ('problems' in json) return { problems: json.problems.map((p) => formatProblem(file, p)) };
  const bare = Array.isArray(json.value);
  const valid = bare ? validateJson(text, json.value, z.array(item)) : validateJson(text, json.value, z.object({ [key]: z.array(item) }).loose());
  if ('problems' in valid) return { problems: valid.problems.map((p) => formatProblem(file, p)) };
  const list = bare ? (valid.value as T[]) : ((valid.value as Record<string, T[]>)[key] ?? []);
  return { value: list, path: (i, field) => (bare ? [i, field] : [key, i, field]) };
}

function problemAt(text: string, file: string, path: (string | number)[], reason: string): string {
  return formatProblem(file, { ...lineColumn(text, locateJsonPath(text, path)), reason: `${jsonPathText(path)}: ${reason}` });
}
