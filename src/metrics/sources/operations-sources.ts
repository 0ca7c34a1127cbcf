import { z } from 'zod';
import { parseTimestamp } from '../timestamps.rules.ts';
import type { OperationalItemEvent } from './events.ts';
import { jsonPathText, lineColumn, locateJsonPath, parseJsonText, validateJson } from './json-source.ts';
import { formatProblem, missingColumns, readCsvRecords, type SourceProblem } from './source-problems.ts';

type Parsed<T> = { value: T } | { problems: string[] };

const KINDS = ['vulnerability', 'ticket'] as const;

/**
 * Operational items as CSV (docs/metrics.md, "Operational items"): `id`, `service`, `kind`
 * (`vulnerability` or `ticket`), `opened_at` are required; `source` (default `csv`), `severity`,
 * `title` and `resolved_at` (empty while open) are optional. An item is identified by its source
 * and id, so the same export ingested again updates the items instead of adding them twice.
 */
export function parseOperationalItemsCsv(bytes: Uint8Array, file: string): Parsed<OperationalItemEvent[]> {
  const read = readCsvRecords(bytes);
  if ('problems' in read) return { problems: read.problems.map((p) => formatProblem(file, p)) };
  const problems: SourceProblem[] = missingColumns(read.header, ['id', 'service', 'kind', 'opened_at'], 'an operational items file');
  if (problems.length) return { problems: problems.map((p) => formatProblem(file, p)) };
  const items: OperationalItemEvent[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of read.records) {
    const before = problems.length;
    const source = cells.get('source') || 'csv';
    const id = cells.get('id')!;
    const service = cells.get('service')!;
    const kind = cells.get('kind')!.toLowerCase();
    if (!id) problems.push({ line, column: 'id', reason: 'is empty' });
    if (!service) problems.push({ line, column: 'service', reason: 'is empty' });
    if (!(KINDS as readonly string[]).includes(kind)) problems.push({ line, column: 'kind', reason: `${JSON.stringify(cells.get('kind'))} is not one of ${KINDS.join(', ')}` });
    const openedAt = timestampCell(cells.get('opened_at')!, line, 'opened_at', problems, true);
    const resolvedAt = timestampCell(cells.get('resolved_at') ?? '', line, 'resolved_at', problems, false);
    if (openedAt !== null && resolvedAt !== null && resolvedAt < openedAt) problems.push({ line, column: 'resolved_at', reason: 'is before opened_at' });
    const key = `${source}\u0000${id}`;
    if (id && seen.has(key)) problems.push({ line, column: 'id', reason: `${source} item ${id} repeats line ${seen.get(key)}` });
    seen.set(key, line);
    if (problems.length > before) continue;
    items.push({ source, externalId: id, service, kind: kind as OperationalItemEvent['kind'], severity: cells.get('severity') || null, title: cells.get('title') || null, openedAt: openedAt!, resolvedAt });
  }
  return problems.length ? { problems: problems.map((p) => formatProblem(file, p)) } : { value: items };
}

/** A required or optional timestamp cell; a problem names the accepted forms. */
export function timestampCell(text: string, line: number, column: string, problems: SourceProblem[], required: boolean): number | null {
  if (text === '') {
    if (required) problems.push({ line, column, reason: 'is empty' });
    return null;
  }
  const at = parseTimestamp(text);
  if (at === null) problems.push({ line, column, reason: `${JSON.stringify(text)} is not a timestamp (use ISO 8601 or YYYY-MM-DD HH:MM:SS)` });
  return at;
}

const time = z.string().refine((t) => parseTimestamp(t) !== null, 'is not an ISO 8601 timestamp');
const alertBase = {
  number: z.number().int().positive(),
  created_at: time,
  html_url: z.string().min(1),
  fixed_at: time.nullish(),
  dismissed_at: time.nullish(),
};
/** GET /repos/{owner}/{repo}/dependabot/alerts (and the organisation's list). */
const dependabotAlert = z
  .object({
    ...alertBase,
    state: z.enum(['open', 'dismissed', 'fixed', 'auto_dismissed']),
    auto_dismissed_at: time.nullish(),
    security_advisory: z.object({ summary: z.string().nullish(), severity: z.string().nullish() }).loose(),
    security_vulnerability: z.object({ severity: z.string().nullish() }).loose().nullish(),
  })
  .loose();
/** GET /repos/{owner}/{repo}/code-scanning/alerts. */
const codeScanningAlert = z
  .object({
    ...alertBase,
    state: z.enum(['open', 'dismissed', 'fixed']),
    rule: z.object({ description: z.string().nullish(), severity: z.string().nullish(), security_severity_level: z.string().nullish() }).loose(),
  })
  .loose();

/**
 * A GitHub Dependabot or code-scanning alert export (the REST list as returned, pages
 * concatenated into one array), all of one service. Each alert is a vulnerability identified by
 * its `html_url`; it is resolved when fixed or dismissed. Severity: the advisory's (Dependabot),
 * the rule's security severity else its severity (code scanning).
 */
export function parseGitHubAlerts(text: string, file: string, service: string): Parsed<OperationalItemEvent[]> {
  const json = parseJsonText(text);
  if ('problems' in json) return { problems: json.problems.map((p) => formatProblem(file, p)) };
  // One shape per file, chosen by the first alert, so problems point into that shape.
  const first = Array.isArray(json.value) ? (json.value[0] as Record<string, unknown> | undefined) : undefined;
  const isCodeScanning = first !== undefined && typeof first === 'object' && first !== null && 'rule' in first;
  const valid = isCodeScanning ? validateJson(text, json.value, z.array(codeScanningAlert)) : validateJson(text, json.value, z.array(dependabotAlert));
  if ('problems' in valid) return { problems: valid.problems.map((p) => formatProblem(file, p)) };
  const seen = new Set<string>();
  const problems: string[] = [];
  const problemAt = (path: (string | number)[], reason: string) => formatProblem(file, { ...lineColumn(text, locateJsonPath(text, path)), reason: `${jsonPathText(path)}: ${reason}` });
  const items = valid.value.map((alert, i): OperationalItemEvent => {
    if (seen.has(alert.html_url)) problems.push(problemAt([i, 'html_url'], `alert ${alert.html_url} is listed twice`));
    seen.add(alert.html_url);
    const dependabot = 'security_advisory' in alert ? (alert as z.infer<typeof dependabotAlert>) : null;
    const scanning = dependabot ? null : (alert as z.infer<typeof codeScanningAlert>);
    const closed = alert.state === 'open' ? null : (alert.fixed_at ?? alert.dismissed_at ?? dependabot?.auto_dismissed_at ?? null);
    if (alert.state !== 'open' && !closed) problems.push(problemAt([i, 'state'], `the alert is ${alert.state} but has no fixed_at or dismissed_at`));
    return {
      source: dependabot ? 'github-dependabot' : 'github-code-scanning',
      externalId: alert.html_url,
      service,
      kind: 'vulnerability',
      severity: dependabot ? (dependabot.security_advisory.severity ?? dependabot.security_vulnerability?.severity ?? null) : (scanning!.rule.security_severity_level ?? scanning!.rule.severity ?? null),
      title: dependabot ? (dependabot.security_advisory.summary ?? null) : (scanning!.rule.description ?? null),
      openedAt: parseTimestamp(alert.created_at)!,
      resolvedAt: closed ? parseTimestamp(closed) : null,
    };
  });
  return problems.length ? { problems } : { value: items };
}
