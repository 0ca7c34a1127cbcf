import { z } from 'zod';
import { roleSchema } from './common.ts';

export const signInBodySchema = z
  .object({
    email: z.string().trim().min(1).max(320),
    password: z.string().min(1).max(1024),
  })
  .strict();

export const meSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
  roles: z.array(roleSchema),
  personId: z.number().int().nullable(),
  hrScope: z
    .object({ wholeOrganisation: z.boolean(), roots: z.array(z.object({ id: z.number().int(), name: z.string() })) })
    .nullable(),
});
export type Me = z.infer<typeof meSchema>;

export const changePasswordBodySchema = z
  .object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(1).max(1024) })
  .strict();

/** Re-authentication before step-up routes: the signed-in user's password, nothing else. */
export const reauthenticateBodySchema = z.object({ password: z.string().min(1).max(1024) }).strict();

export const reauthenticationSchema = z.object({
  /** When the password was proved; step-up routes accept it for the configured window. */
  passwordVerifiedAt: z.string(),
});

/** The signed-in person's own sessions; `handle` names one without revealing anything usable. */
export const mySessionsSchema = z.object({
  sessions: z.array(
    z.object({
      handle: z.string(),
      current: z.boolean(),
      createdAt: z.string(),
      lastSeenAt: z.string(),
      expiresAt: z.string(),
      ip: z.string().nullable(),
      userAgent: z.string().nullable(),
    }),
  ),
});
export const endMySessionBodySchema = z.object({ handle: z.string().regex(/^[0-9a-f]{32}$/u) }).strict();
export const endedSessionsSchema = z.object({ ended: z.number().int() });
