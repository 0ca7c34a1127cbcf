import { z } from 'zod';
import { idParam } from './common.ts';

export const PERSON_STATUSES = ['active', 'leave', 'terminated'] as const;
export const personStatusSchema = z.enum(PERSON_STATUSES);

const personRefSchema = z.object({ id: z.number().int(), name: z.string() });

/**
 * A person as the reader may see them. Directory fields are there for every signed-in reader;
 * the private block is present only for the person, their management chain, HR in scope and
 * admins: absent from the JSON otherwise, not blanked.
 */
export const personSchema = z.object({
  id: z.number().int(),
  employeeId: z.string(),
  name: z.string(),
  email: z.string(),
  title: z.string().nullable(),
  team: personRefSchema.nullable(),
  location: z.string().nullable(),
  jobFunction: z.string().nullable(),
  manager: personRefSchema.nullable(),
  directReports: z.number().int(),
  private: z
    .object({
      level: z.string(),
      levelTitle: z.string().nullable(),
      hireDate: z.string(),
      status: personStatusSchema,
      timeZone: z.string().nullable(),
    })
    .optional(),
});
export type PersonView = z.infer<typeof personSchema>;

export const listPeopleQuerySchema = z
  .object({
    q: z.string().trim().max(200).optional(),
    teamId: idParam.optional(),
    managerId: idParam.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

export const personListSchema = z.object({
  total: z.number().int(),
  people: z.array(personSchema),
});

export const demographicsSchema = z.object({
  personId: z.number().int(),
  attributes: z.record(z.string(), z.string()),
});

export const teamSchema = z.object({ id: z.number().int(), name: z.string(), members: z.number().int() });
export const teamListSchema = z.object({ teams: z.array(teamSchema) });

export const ladderSchema = z.object({
  key: z.string(),
  name: z.string(),
  jobFunction: z.string(),
  levels: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      rank: z.number().int(),
      /** For the ladder editor: a save names the version it edited. */
      version: z.number().int().optional(),
      expectations: z.object({
        scope: z.string(),
        autonomy: z.string(),
        technicalDepth: z.string(),
        influence: z.string(),
        mentorship: z.string(),
        operations: z.string(),
        exampleBehaviours: z.array(z.string()),
        /** Example behaviours per dimension (issue 7). */
        behaviours: z.record(z.string(), z.array(z.string())).optional(),
      }),
    }),
  ),
});
export const ladderListSchema = z.object({ ladders: z.array(ladderSchema) });

/** Largest people CSV the API accepts: 100,000 people fit in well under this. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

export const importQuerySchema = z
  .object({
    confirm: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
    dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  })
  .strict();

export const importSummarySchema = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  deactivated: z.number().int(),
  employeeIdsChanged: z.number().int(),
  teamsCreated: z.number().int(),
  attributesWritten: z.number().int(),
  dryRun: z.boolean(),
  /** Why the import would need confirmation; empty when it can run as is. */
  needsConfirmation: z.array(z.string()),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;
