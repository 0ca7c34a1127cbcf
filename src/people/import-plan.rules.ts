import type { PersonRow } from './people-csv.rules.ts';
import type { PersonStatus } from '../db/schema.ts';

export interface ExistingPerson {
  id: number;
  employeeId: string;
  email: string;
  status: PersonStatus;
}

/** Safety limits borrowed from commercial HRIS syncs: a file that changes this much is suspect. */
export interface ImportGuard {
  maxDeactivatedShare: number;
  maxEmployeeIdChangeShare: number;
}

export const DEFAULT_IMPORT_GUARD: ImportGuard = { maxDeactivatedShare: 0.4, maxEmployeeIdChangeShare: 0.05 };

export interface ImportPlan {
  /** Rows matched to an existing person (by employee id, or by email when the id changed). */
  matched: { row: PersonRow; personId: number; employeeIdChangedFrom: string | null }[];
  created: PersonRow[];
  /** Existing active or on-leave people absent from the file: they become terminated. */
  deactivated: ExistingPerson[];
  employeeIdChanges: number;
  activeBefore: number;
  /** Reasons the plan needs an explicit confirmation; empty when it may run as is. */
  needsConfirmation: string[];
}

/**
 * Matches an export against the directory. The file is the whole organisation: people not
 * in it leave. A person whose email is known under another, vanished employee id keeps their
 * record and takes the new id (HRIS renumbering), rather than being terminated and re-created.
 */
export function planPeopleImport(rows: PersonRow[], existing: ExistingPerson[], guard: ImportGuard = DEFAULT_IMPORT_GUARD): ImportPlan {
  const byEmployeeId = new Map(existing.map((p) => [p.employeeId, p]));
  const byEmail = new Map(existing.map((p) => [p.email.toLowerCase(), p]));
  const fileIds = new Set(rows.map((r) => r.employeeId));
  const claimed = new Set<number>();
  const matched: ImportPlan['matched'] = [];
  const created: PersonRow[] = [];

  for (const row of rows) {
    const sameId = byEmployeeId.get(row.employeeId);
    if (sameId) {
      matched.push({ row, personId: sameId.id, employeeIdChangedFrom: null });
      claimed.add(sameId.id);
    }
  }
  let employeeIdChanges = 0;
  for (const row of rows) {
    if (byEmployeeId.has(row.employeeId)) continue;
    const sameEmail = byEmail.get(row.email.toLowerCase());
    if (sameEmail && !fileIds.has(sameEmail.employeeId) && !claimed.has(sameEmail.id)) {
      matched.push({ row, personId: sameEmail.id, employeeIdChangedFrom: sameEmail.employeeId });
      claimed.add(sameEmail.id);
      employeeIdChanges++;
    } else {
      created.push(row);
    }
  }
  const active = existing.filter((p) => p.status !== 'terminated');
  const deactivated = active.filter((p) => !claimed.has(p.id));

  const needsConfirmation: string[] = [];
  if (active.length > 0 && deactivated.length / active.length > guard.maxDeactivatedShare) {
    needsConfirmation.push(
      `it would deactivate ${deactivated.length} of ${active.length} active people (${percent(deactivated.length / active.length)}, ` +
        `more than ${percent(guard.maxDeactivatedShare)})`,
    );
  }
  // Measured against current people: leavers pile up over the years and would dilute the share.
  if (active.length > 0 && employeeIdChanges / active.length > guard.maxEmployeeIdChangeShare) {
    needsConfirmation.push(
      `it would change the employee id of ${employeeIdChanges} of ${active.length} active people (${percent(employeeIdChanges / active.length)}, ` +
        `more than ${percent(guard.maxEmployeeIdChangeShare)})`,
    );
  }
  return { matched, created, deactivated, employeeIdChanges, activeBefore: active.length, needsConfirmation };
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}
