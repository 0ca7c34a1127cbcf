/**
 * Whether a backup fits this version of Highbar and a given target database, decided from
 * migration names alone (no database): migrations are history, so a schema version is the
 * ordered list of migrations applied.
 */
export type SchemaPlan =
  | {
      ok: true;
      /** Migrations the target needs before the rows go in: the backup's schema, exactly. */
      before: string[];
      /** Migrations this Highbar has beyond the backup's, run over the restored rows. */
      after: string[];
    }
  | { ok: false; reason: 'newer-backup' | 'foreign-backup' | 'target-newer' | 'target-diverged'; message: string };

/** Checks the backup against the migrations this code knows (before touching any database). */
export function checkBackupSchema(backup: readonly string[], known: readonly string[]): SchemaPlan {
  const unknown = backup.find((name) => !known.includes(name));
  if (unknown) {
    return {
      ok: false,
      reason: 'newer-backup',
      message: `the backup comes from a newer schema version (migration ${unknown} is unknown to this Highbar); upgrade Highbar, then restore`,
    };
  }
  if (!isPrefix(backup, known)) {
    return { ok: false, reason: 'foreign-backup', message: `the backup's migrations (${backup.join(', ')}) are not a history this Highbar knows` };
  }
  return { ok: true, before: [...backup], after: known.slice(backup.length) };
}

/** Plans the restore into a target that has `target` migrations applied. */
export function planRestoreSchema(backup: readonly string[], known: readonly string[], target: readonly string[]): SchemaPlan {
  const fits = checkBackupSchema(backup, known);
  if (!fits.ok) return fits;
  if (isPrefix(backup, target) && target.length > backup.length) {
    return {
      ok: false,
      reason: 'target-newer',
      message:
        `the database is at a newer schema version (${target.at(-1)}) than the backup (${backup.at(-1) ?? 'none'}), and rows cannot skip ` +
        'the migrations between them; restore into an empty database, where the restore applies them after loading',
    };
  }
  if (!isPrefix(target, backup)) {
    return { ok: false, reason: 'target-diverged', message: `the database's migrations (${target.join(', ')}) are not a history of the backup's` };
  }
  return { ok: true, before: backup.slice(target.length), after: fits.after };
}

/**
 * Tables that `highbar migrate` itself fills with reference data (the default ladder, the
 * preset policies). Rows there do not make a database "hold data": a freshly migrated database
 * is a fine restore target. Rows anywhere else do.
 */
export const REFERENCE_TABLES: ReadonlySet<string> = new Set(['ladders', 'ladder_levels', 'policies']);

/** The tables whose rows make the target non-empty. */
export function tablesHoldingData(tablesWithRows: readonly string[]): string[] {
  return tablesWithRows.filter((name) => !REFERENCE_TABLES.has(name));
}

function isPrefix(prefix: readonly string[], list: readonly string[]): boolean {
  return prefix.length <= list.length && prefix.every((name, i) => list[i] === name);
}
