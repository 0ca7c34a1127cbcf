import { z } from 'zod';
import { roleSchema, idSchema } from './common.ts';

/** Roles an admin can grant; `manager` is derived from having reports and never stored. */
export const grantableRoleSchema = z.enum(['employee', 'hr', 'admin']);

export const accountSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  personId: z.number().int().nullable(),
  roles: z.array(roleSchema),
  disabled: z.boolean(),
  hrScope: z.object({ wholeOrganisation: z.boolean(), rootPersonIds: z.array(z.number().int()) }),
  createdAt: z.string(),
});
export type AccountView = z.infer<typeof accountSchema>;

export const accountListSchema = z.object({ accounts: z.array(accountSchema) });

const hrScopeInputSchema = z
  .object({
    wholeOrganisation: z.boolean(),
    rootPersonIds: z.array(idSchema).max(200),
  })
  .strict();

export const createAccountBodySchema = z
  .object({
    email: z.email().max(320),
    name: z.string().trim().min(1).max(200),
    password: z.string().min(1).max(1024),
    roles: z.array(grantableRoleSchema).min(1).max(3),
    hrScope: hrScopeInputSchema.optional(),
  })
  .strict();

export const updateAccountBodySchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    roles: z.array(grantableRoleSchema).min(1).max(3).optional(),
    disabled: z.boolean().optional(),
    hrScope: hrScopeInputSchema.optional(),
    password: z.string().min(1).max(1024).optional(),
  })
  .strict();
