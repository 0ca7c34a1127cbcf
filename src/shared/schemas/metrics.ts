import { z } from 'zod';
import { idParam } from './common.ts';

/** Engineering metrics on the wire: team context for reviews, never a ranking of people. */

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u, 'a date YYYY-MM-DD');
const isoTime = z.string().refine((t) => !Number.isNaN(Date.parse(t)) && /^\d{4}-\d{2}-\d{2}T/u.test(t), 'an ISO 8601 timestamp');
const level = z.enum(['elite', 'high', 'medium', 'low']).nullable();

export const doraQuerySchema = z
  .object({
    from: day.optional(),
    to: day.optional(),
    report: z.enum(['2021', '2023']).default('2023'),
    median: z.enum(['lower', 'upper', 'interpolated']).default('lower'),
  })
  .strict();
export type DoraQuery = z.infer<typeof doraQuerySchema>;

export const periodQuerySchema = z.object({ from: day.optional(), to: day.optional() }).strict();

export const teamParamsSchema = z.object({ id: idParam }).strict();

export const fourKeysSchema = z.object({
  report: z.union([z.literal(2021), z.literal(2023)]),
  deploymentFrequency: z.object({
    deployments: z.number().int(),
    deployDays: z.number().int(),
    medianDeployDaysPerWeek: z.number().nullable(),
    medianDeployDaysPerMonth: z.number().nullable(),
    medianDeployDaysPerSixMonths: z.number().nullable(),
    level,
  }),
  leadTime: z.object({ changes: z.number().int(), medianMinutes: z.number().nullable(), level }),
  changeFailureRate: z.object({ deployments: z.number().int(), failedDeployments: z.number().int(), rate: z.number().nullable(), level }).nullable(),
  recovery: z.object({ incidents: z.number().int(), medianMinutes: z.number().nullable(), level }).nullable(),
});
export type FourKeysJson = z.infer<typeof fourKeysSchema>;

const band = z.object({ level: z.enum(['elite', 'high', 'medium', 'low']), upTo: z.number().nullable() });
const named = z.object({ id: z.number().int(), name: z.string() });

export const teamDoraSchema = z.object({
  team: named,
  services: z.array(named),
  from: day,
  to: day,
  median: z.enum(['lower', 'upper', 'interpolated']),
  keys: fourKeysSchema,
  bands: z.object({ leadTimeMinutes: z.array(band), recoveryMinutes: z.array(band), changeFailureRate: z.array(band), deploymentFrequency: z.string() }),
  /** The same keys month by month over the range, oldest first. */
  trend: z.array(z.object({ from: day, to: day, keys: fourKeysSchema })),
  label: z.string(),
});
export type TeamDora = z.infer<typeof teamDoraSchema>;

export const drilldownSchema = z.object({
  from: day,
  to: day,
  deployments: z.array(z.object({ id: z.number().int(), name: z.string().nullable(), service: z.string(), finishedAt: z.string(), failed: z.boolean(), incidentIds: z.array(z.number().int()) })),
  changes: z.array(
    z.object({
      pullRequestId: z.number().int(),
      number: z.string().nullable(),
      title: z.string().nullable(),
      repository: z.string(),
      deploymentId: z.number().int(),
      deployedAt: z.string(),
      cycleMinutes: z.number().int(),
      codingMinutes: z.number().int().nullable(),
      pickupMinutes: z.number().int().nullable(),
      reviewMinutes: z.number().int().nullable(),
      deployMinutes: z.number().int().nullable(),
    }),
  ),
  incidents: z.array(
    z.object({
      id: z.number().int(),
      title: z.string().nullable(),
      severity: z.string().nullable(),
      service: z.string().nullable(),
      createdAt: z.string(),
      resolvedAt: z.string().nullable(),
      deploymentId: z.number().int().nullable(),
      restoreMinutes: z.number().int().nullable(),
      recoveryMinutes: z.number().int().nullable(),
    }),
  ),
  /** Each list holds at most this many rows, newest first. */
  limit: z.number().int(),
});
export type Drilldown = z.infer<typeof drilldownSchema>;

const burn = z.object({ longRate: z.number().nullable(), shortRate: z.number().nullable(), threshold: z.number(), alerting: z.boolean() });
export const sloStatusSchema = z.object({
  name: z.string(),
  objective: z.number(),
  windowDays: z.number().int(),
  good: z.number(),
  total: z.number(),
  compliance: z.number().nullable(),
  met: z.boolean().nullable(),
  errorBudgetRemaining: z.number().nullable(),
  burn: z.object({ fast: burn, slow: burn }),
  trend: z.array(z.object({ from: day, compliance: z.number().nullable(), met: z.boolean().nullable() })),
});
export const teamSlosSchema = z.object({
  team: named,
  at: z.string(),
  services: z.array(z.object({ service: named, slos: z.array(sloStatusSchema) })),
});
export type TeamSlos = z.infer<typeof teamSlosSchema>;

const aiWeek = z.object({
  week: day,
  /** Fewer active users than `suppressedBelow`: the figures would describe too few people, so they are 0. */
  suppressed: z.boolean(),
  activeUsers: z.number().int(),
  suggestions: z.number(),
  acceptances: z.number(),
  acceptanceRate: z.number().nullable(),
  aiCodeLines: z.number(),
  chatMessages: z.number(),
});
export const aiAdoptionSchema = z.object({
  from: day,
  to: day,
  /** Organisation totals only: no row is about one person. */
  sources: z.array(z.object({ source: z.enum(['amazon-q', 'copilot']), weeks: z.array(aiWeek) })),
  suppressedBelow: z.number().int(),
});
export type AiAdoption = z.infer<typeof aiAdoptionSchema>;

export const personAiUsageSchema = z.object({
  person: named,
  from: day,
  to: day,
  weeks: z.array(aiWeek.omit({ activeUsers: true }).extend({ activeDays: z.number().int() })),
});
export type PersonAiUsage = z.infer<typeof personAiUsageSchema>;

export const codeSignalsSchema = z.object({
  person: named,
  from: day,
  to: day,
  label: z.string(),
  method: z.string(),
  weeks: z.array(day),
  series: z.array(
    z.object({
      signal: z.enum(['commits', 'linesChanged', 'reviewsGiven', 'revisionsPerReview']),
      values: z.array(z.number().nullable()),
      changePoints: z.array(z.object({ week: day, direction: z.enum(['drop', 'rise']), recentMean: z.number(), baselineMean: z.number(), label: z.literal('worth a conversation') })),
    }),
  ),
});
export type CodeSignals = z.infer<typeof codeSignalsSchema>;

export const teamContextSchema = z.object({
  person: named,
  label: z.string(),
  from: day,
  to: day,
  teams: z.array(
    z.object({
      team: named,
      services: z.array(named),
      quarters: z.array(z.object({ from: day, to: day, keys: fourKeysSchema, sloCompliance: z.array(z.object({ service: z.string(), slo: z.string(), compliance: z.number().nullable(), met: z.boolean().nullable() })) })),
    }),
  ),
  onCall: z.object({ incidentsHandled: z.number().int(), analysesWritten: z.number().int(), pages: z.number().int(), afterHoursPages: z.number().int(), shifts: z.number().int() }),
});
export type TeamContext = z.infer<typeof teamContextSchema>;

/** `mine`: the reader's own team, which the dashboards open on. */
export const metricsTeamsSchema = z.object({ teams: z.array(z.object({ id: z.number().int(), name: z.string(), mine: z.boolean(), services: z.array(named) })) });
export type MetricsTeams = z.infer<typeof metricsTeamsSchema>;

/** A webhook delivery: a deployment or an incident, identified by the sender's id. */
export const webhookEventSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('deployment'),
      id: z.string().min(1).max(200),
      service: z.string().min(1).max(200),
      name: z.string().max(200).optional(),
      environment: z.enum(['PRODUCTION', 'STAGING', 'TESTING']),
      result: z.enum(['SUCCESS', 'FAILURE', 'ABORT', 'MANUAL', 'SKIPPED']).nullable(),
      startedAt: isoTime.optional(),
      finishedAt: isoTime.nullish(),
      commits: z.array(z.object({ repository: z.string().min(1).max(500), sha: z.string().regex(/^[\w.-]{1,64}$/u) }).strict()).min(1).max(100),
    })
    .strict()
    .refine((e) => e.startedAt !== undefined || !!e.finishedAt, { message: 'a deployment needs startedAt or finishedAt', path: ['startedAt'] }),
  z
    .object({
      type: z.literal('incident'),
      id: z.string().min(1).max(200),
      service: z.string().min(1).max(200),
      title: z.string().max(500).optional(),
      severity: z.string().max(50).optional(),
      createdAt: isoTime,
      resolvedAt: isoTime.nullish(),
      assignees: z.array(z.string().max(200)).max(50).optional(),
    })
    .strict(),
]);
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

export const webhookParamsSchema = z.object({ source: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/u) }).strict();
export const webhookAcceptedSchema = z.object({ stored: z.enum(['deployment', 'incident']), id: z.string() });

const itemStatsSchema = z.object({
  open: z.number().int(),
  openedInPeriod: z.number().int(),
  resolvedInPeriod: z.number().int(),
  medianDaysToResolve: z.number().nullable(),
  openBySeverity: z.array(z.object({ severity: z.string(), open: z.number().int() })),
});
/** A team's vulnerabilities, tickets and pages over a period: team context, no person named. */
export const teamOperationsSchema = z.object({
  team: named,
  from: day,
  to: day,
  label: z.string(),
  services: z.array(z.object({ service: named, vulnerabilities: itemStatsSchema, tickets: itemStatsSchema })),
  pages: z.object({ total: z.number().int(), weeks: z.array(z.object({ week: day, pages: z.number().int() })) }),
});
export type TeamOperations = z.infer<typeof teamOperationsSchema>;

/** How people appear in the sources (see src/metrics/identities.rules.ts). */
export const identityKindSchema = z.enum(['email', 'github', 'amazon-q', 'pagerduty']);
const identityValue = z.string().trim().min(1).max(320);

export const personIdentitiesSchema = z.object({
  person: named,
  /** `directory`: the person's directory email, which always names them and is not removed here. */
  identities: z.array(z.object({ kind: identityKindSchema, value: z.string(), directory: z.boolean(), lastSeen: z.string().nullable() })),
});
export type PersonIdentities = z.infer<typeof personIdentitiesSchema>;

export const unmappedIdentitiesSchema = z.object({
  identities: z.array(z.object({ kind: identityKindSchema, value: z.string(), seenIn: z.array(z.string()), lastSeen: z.string() })),
  total: z.number().int(),
  /** At most this many are listed, by kind and value. */
  limit: z.number().int(),
});
export type UnmappedIdentities = z.infer<typeof unmappedIdentitiesSchema>;

export const identityBodySchema = z.object({ kind: identityKindSchema, value: identityValue }).strict();
export const identityQuerySchema = z.object({ kind: identityKindSchema, value: identityValue }).strict();
export const identityMappedSchema = z.object({ kind: identityKindSchema, value: z.string(), changed: z.boolean() });
export const identityUnmappedSchema = z.object({ removed: z.boolean() });

const sourceName = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/u, '1-64 lower-case letters, digits, - or _');
export const webhookSourceParamsSchema = z.object({ name: sourceName }).strict();
export const webhookSourcesSchema = z.object({
  sources: z.array(z.object({ name: z.string(), createdAt: z.string(), rotatedAt: z.string().nullable(), previousValidUntil: z.string().nullable() })),
  defaultGraceHours: z.number().int(),
});
export type WebhookSources = z.infer<typeof webhookSourcesSchema>;
export const createWebhookSourceSchema = z.object({ name: sourceName }).strict();
/** `graceHours`: how long the old secret still works (0 stops it at once; default 24). */
export const rotateWebhookSecretSchema = z.object({ graceHours: z.number().int().min(0).max(168).optional() }).strict();
/** The new secret, shown this once. */
export const webhookSecretSchema = z.object({ name: z.string(), secret: z.string(), previousValidUntil: z.string().nullable() });
export type WebhookSecret = z.infer<typeof webhookSecretSchema>;
