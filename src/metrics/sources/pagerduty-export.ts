import { z } from 'zod';
import { parseTimestamp } from '../timestamps.rules.ts';
import type { IncidentEvent } from './events.ts';
import { formatProblem } from './source-problems.ts';
import { parseJsonText, validateJson } from './json-source.ts';

const time = z.string().refine((t) => parseTimestamp(t) !== null, 'is not an ISO 8601 timestamp');
const reference = z.object({ id: z.string().optional(), summary: z.string().nullish(), email: z.string().nullish() }).loose();

const incident = z
  .object({
    id: z.string().min(1),
    incident_number: z.number().int().optional(),
    title: z.string().nullish(),
    status: z.enum(['triggered', 'acknowledged', 'resolved']),
    urgency: z.string().nullish(),
    priority: z.object({ summary: z.string().nullish() }).loose().nullish(),
    created_at: time,
    resolved_at: time.nullish(),
    last_status_change_at: time.nullish(),
    service: reference,
    assignments: z.array(z.object({ assignee: reference }).loose()).optional(),
    // Highbar's own fields for the on-call record: who wrote the root-cause analysis, and where.
    postmortem: z.object({ author: z.string().nullish(), url: z.string().nullish() }).loose().nullish(),
  })
  .loose();

/** The list endpoint's envelope (`{"incidents": [...]}`), or the bare list. */
const envelopeSchema = z.object({ incidents: z.array(incident) }).loose();

/**
 * A PagerDuty incident export (GET /incidents, one page or the pages concatenated). An incident
 * belongs to the service named by its `service.summary`; it is resolved at `resolved_at`, or at
 * its last status change when its status is `resolved` and the export predates that field.
 * Severity is the priority's name, else the urgency. Responders are the assignees' emails (their
 * names when the export has no emails).
 */
export function parsePagerDutyExport(text: string, file: string): { value: IncidentEvent[] } | { problems: string[] } {
  const json = parseJsonText(text);
  // Validated as the shape it has, so problems point into it rather than at "neither shape".
  const valid = 'value' in json ? (Array.isArray(json.value) ? validateJson(text, json.value, z.array(incident)) : validateJson(text, json.value, envelopeSchema)) : json;
  if ('problems' in valid) return { problems: valid.problems.map((p) => formatProblem(file, p)) };
  const incidents = Array.isArray(valid.value) ? valid.value : valid.value.incidents;
  return {
    value: incidents.map((i) => {
      const resolved = i.resolved_at ?? (i.status === 'resolved' ? i.last_status_change_at : null);
      return {
        source: 'pagerduty',
        externalId: i.id,
        service: i.service.summary ?? i.service.id ?? null,
        title: i.title ?? null,
        severity: i.priority?.summary ?? i.urgency ?? null,
        status: i.status,
        createdAt: parseTimestamp(i.created_at)!,
        resolvedAt: resolved ? parseTimestamp(resolved) : null,
        leadTimeMinutes: null,
        assignees: [...new Set((i.assignments ?? []).map((a) => a.assignee.email ?? a.assignee.summary ?? a.assignee.id ?? '').filter(Boolean))],
        analysisAuthor: i.postmortem?.author ?? null,
        analysisUrl: i.postmortem?.url ?? null,
      };
    }),
  };
}
