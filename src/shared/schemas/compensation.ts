import { z } from 'zod';
import { idParam, idSchema } from './common.ts';
import { centsSchema, vestingScheduleSchema, percentSchema } from '../../policy/compensation.schema.ts';

/** Wire shapes of pay: amounts are whole cents, never floats; dates are YYYY-MM-DD. */

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/u, { message: 'a date as YYYY-MM-DD', abort: true })
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date');

const positiveCents = centsSchema.refine((c) => c > 0, 'must be more than zero');
const common = { effectiveOn: isoDateSchema, sharePriceCents: positiveCents.optional() };

/** One pay change; the kind decides what else it needs. */
export const compensationChangeBodySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hire'), ...common, baseCents: positiveCents, vestingPercent: vestingScheduleSchema.optional() }).strict(),
  z.object({ kind: z.literal('merit'), effectiveOn: isoDateSchema, percent: percentSchema }).strict(),
  z.object({ kind: z.literal('refresh'), ...common, vestingPercent: vestingScheduleSchema.optional() }).strict(),
  z
    .object({ kind: z.literal('retention'), ...common, valueCents: positiveCents, approverPersonId: idSchema.optional(), vestingPercent: vestingScheduleSchema.optional() })
    .strict(),
  z.object({ kind: z.literal('departure'), effectiveOn: isoDateSchema }).strict(),
  z.object({ kind: z.literal('boomerang'), ...common }).strict(),
]);
export type CompensationChangeBody = z.infer<typeof compensationChangeBodySchema>;

export const sharePriceBodySchema = z.object({ priceCents: positiveCents, asOf: isoDateSchema }).strict();
export const statementQuerySchema = z.object({ sharePriceCents: idParam.optional(), asOf: isoDateSchema.optional() }).strict();
export const budgetQuerySchema = z.object({ rootPersonId: idParam, sharePriceCents: idParam.optional() }).strict();

const yearSchema = z.object({
  year: z.number().int(),
  from: z.string(),
  to: z.string(),
  baseCents: z.number().int(),
  bonusCents: z.number().int(),
  equityCents: z.number().int(),
  equityShares: z.number().int(),
  signOnCents: z.number().int(),
  totalCents: z.number().int(),
  targetCents: z.number().int(),
  differenceCents: z.number().int(),
  explanations: z.array(z.string()),
});

export const statementSchema = z.object({
  person: z.object({ id: z.number().int(), name: z.string(), level: z.string() }),
  currency: z.string(),
  asOf: z.string(),
  sharePrice: z.object({ cents: z.number().int(), asOf: z.string().nullable(), source: z.enum(['query', 'recorded']) }).nullable(),
  explained: z.boolean(),
  hasPackage: z.boolean(),
  base: z.object({ cents: z.number().int(), since: z.string(), reason: z.string() }).nullable(),
  targetCents: z.number().int().nullable(),
  years: z.array(yearSchema),
  grants: z.array(z.object({ id: z.number().int(), kind: z.string(), grantDate: z.string(), shares: z.number().int(), priceCents: z.number().int(), tranches: z.array(z.object({ on: z.string(), shares: z.number().int() })) })),
  signOn: z.array(z.object({ payOn: z.string(), amountCents: z.number().int(), note: z.string() })),
  history: z.array(z.object({ id: z.number().int(), kind: z.string(), effectiveOn: z.string(), level: z.string(), baseCents: z.number().int(), approvedBy: z.string().nullable(), summary: z.string() })),
  notes: z.array(z.string()),
});
export type Statement = z.infer<typeof statementSchema>;

export const changeResultSchema = z.object({ id: z.number().int(), kind: z.string(), summary: z.string(), baseCents: z.number().int(), grantShares: z.number().int(), signOnCents: z.number().int() });

const totalsSchema = z.object({
  people: z.number().int(),
  baseCents: z.number().int(),
  equityCents: z.number().int(),
  signOnCents: z.number().int(),
  totalCents: z.number().int(),
  targetCents: z.number().int(),
  refreshCents: z.number().int(),
  meritMinCents: z.number().int(),
  meritMaxCents: z.number().int(),
  unrated: z.number().int(),
});
export const budgetSchema = z.object({
  root: z.object({ id: z.number().int(), name: z.string() }),
  currency: z.string(),
  asOf: z.string(),
  sharePriceCents: z.number().int(),
  withoutPackage: z.number().int(),
  totals: totalsSchema,
  byLevel: z.array(totalsSchema.extend({ level: z.string() })),
});
export const sharePriceSchema = z.object({ priceCents: z.number().int(), asOf: z.string() });
