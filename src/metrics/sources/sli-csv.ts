import { z } from 'zod';
import type { SloDefinition } from '../slo/slo.rules.ts';
import { parseTimestamp } from '../timestamps.rules.ts';
import type { SliSampleRow } from './events.ts';
import { formatProblem, missingColumns, readCsvRecords, type SourceProblem } from './source-problems.ts';
import { parseJsonText, validateJson } from './json-source.ts';

/**
 * SLI time series: a CSV with `timestamp`, `service`, `metric` and `value`, one sample a row
 * (timestamps as in docs/metrics.md: ISO 8601 or `YYYY-MM-DD HH:MM:SS`, UTC unless an offset is
 * given). A (service, metric, timestamp) given twice is refused: which value would be right?
 */
export function parseSliCsv(bytes: Uint8Array, file: string): { value: SliSampleRow[] } | { problems: string[] } {
  const read = readCsvRecords(bytes);
  if ('problems' in read) return { problems: read.problems.map((p) => formatProblem(file, p)) };
  const problems: SourceProblem[] = missingColumns(read.header, ['timestamp', 'service', 'metric', 'value'], 'an SLI file');
  if (problems.length) return { problems: problems.map((p) => formatProblem(file, p)) };
  const rows: SliSampleRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of read.records) {
    const at = parseTimestamp(cells.get('timestamp')!);
    if (at === null) problems.push({ line, column: 'timestamp', reason: `${JSON.stringify(cells.get('timestamp'))} is not a timestamp (use ISO 8601 or YYYY-MM-DD HH:MM:SS)` });
    const service = cells.get('service')!;
    const metric = cells.get('metric')!;
    if (!service) problems.push({ line, column: 'service', reason: 'is empty' });
    if (!metric) problems.push({ line, column: 'metric', reason: 'is empty' });
    const text = cells.get('value')!;
    const value = Number(text);
    if (text === '' || !Number.isFinite(value)) problems.push({ line, column: 'value', reason: `${JSON.stringify(text)} is not a number` });
    if (at === null || !service || !metric || !Number.isFinite(value) || text === '') continue;
    const key = JSON.stringify([service, metric, at]);
    const first = seen.get(key);
    if (first !== undefined) problems.push({ line, column: 'timestamp', reason: `${service} ${metric} at this time repeats line ${first}` });
    seen.set(key, line);
    rows.push({ service, metric, at, value });
  }
  return problems.length ? { problems: problems.map((p) => formatProblem(file, p)) } : { value: rows };
}

const objective = z.number().gt(0).max(1);
const common = { service: z.string().min(1), name: z.string().min(1).max(200), objective, windowDays: z.number().int().min(1).max(366) };

/** One SLO of the definitions file; the service is named, the rest is the engine's definition. */
export const sloDefinitionSchema = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('threshold'), metric: z.string().min(1), comparison: z.enum(['lte', 'lt', 'gte', 'gt']), threshold: z.number() }).strict(),
  z.object({ ...common, kind: z.literal('events'), goodMetric: z.string().min(1), totalMetric: z.string().min(1) }).strict(),
]);

export type ServiceSlo = { service: string; definition: SloDefinition };

/** SLO definitions: a JSON list (docs/metrics.md, "SLOs"); names are unique per service. */
export function parseSloDefinitions(text: string, file: string): { value: ServiceSlo[] } | { problems: string[] } {
  const json = parseJsonText(text);
  const valid = 'value' in json ? validateJson(text, json.value, z.array(sloDefinitionSchema)) : json;
  if ('problems' in valid) return { problems: valid.problems.map((p) => formatProblem(file, p)) };
  const names = new Set<string>();
  const problems: string[] = [];
  const value = valid.value.map(({ service, ...definition }, i) => {
    const key = JSON.stringify([service, definition.name]);
    if (names.has(key)) problems.push(`${file}: $[${i}].name: ${service} already has an SLO named ${JSON.stringify(definition.name)}`);
    names.add(key);
    return { service, definition: definition as SloDefinition };
  });
  return problems.length ? { problems } : { value };
}
