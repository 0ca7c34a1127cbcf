import { z } from 'zod';

/**
 * A person's data export (src/privacy/export.service.ts). The sections are the product's own
 * read models, documented with their routes; the envelope is fixed here.
 */
export const personExportSchema = z
  .object({
    format: z.literal('highbar-person-export'),
    version: z.literal(1),
    generatedAt: z.string(),
    personId: z.number().int(),
    profile: z.unknown(),
    attributes: z.array(z.object({ name: z.string(), value: z.string() }).strict()),
    account: z.unknown(),
    cycles: z.array(z.unknown()),
    feedbackWritten: z.unknown(),
    logNotes: z.unknown(),
    goals: z.unknown(),
    checkIns: z.unknown(),
    developmentPlans: z.unknown(),
    promotions: z.unknown(),
    compensation: z.unknown(),
    pipeline: z.unknown(),
    metricsIdentities: z.array(z.object({ kind: z.string(), value: z.string() }).strict()),
    notifications: z.array(z.unknown()),
  })
  .strict();

/** Erasure is irreversible: the body must say so explicitly. */
export const erasureBodySchema = z.object({ confirm: z.literal(true) }).strict();

export const erasureResultSchema = z.object({ personId: z.number().int(), counts: z.record(z.string(), z.number().int().nonnegative()) }).strict();
