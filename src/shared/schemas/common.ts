import { z } from 'zod';

/** Field-level problem in an error response. */
export const fieldProblemSchema = z.object({ path: z.string(), message: z.string() });

/** RFC 9457 problem document, as every error response is shaped. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    errors: z.array(fieldProblemSchema).optional(),
    requestId: z.string().optional(),
  })
  .loose();

/**
 * The largest value a PostgreSQL integer column holds. Ids and versions beyond it are refused as
 * bad input (400) instead of reaching the database, which would fail with an out-of-range error.
 */
export const MAX_INT4 = 2_147_483_647;
/** A row id in a JSON body. */
export const idSchema = z.number().int().positive().max(MAX_INT4);
/** A row id in a path or query string. */
export const idParam = z.coerce.number().int().positive().max(MAX_INT4);
/** The version a draft was edited from (optimistic concurrency). */
export const versionSchema = z.number().int().min(0).max(MAX_INT4);

export const idParamsSchema = z.object({ id: idParam }).strict();

export const ROLES = ['employee', 'manager', 'hr', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
