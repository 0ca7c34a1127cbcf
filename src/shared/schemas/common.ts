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

export const idParamsSchema = z.object({ id: z.coerce.number().int().positive() }).strict();

export const ROLES = ['employee', 'manager', 'hr', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
