import type { Migration } from 'kysely/migration';
import * as foundation from './20261123T1800_foundation.ts';
import * as forte from './20261123T1900_forte.ts';
import * as olr from './20261129T1900_olr.ts';
import * as auditAppendOnly from './20261129T1901_audit_append_only.ts';

/** Every migration, keyed by its timestamped name; Kysely applies them in name order. */
export const migrations: Record<string, Migration> = {
  '20261123T1800_foundation': foundation,
  '20261123T1900_forte': forte,
  '20261129T1900_olr': olr,
  '20261129T1901_audit_append_only': auditAppendOnly,
};
