import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { loadCycle, type LoadedCycle } from '../cycles/cycle-loader.ts';
import { administersSubtree, authorizeAdministerCycle } from '../cycles/cycles.access.ts';
import type { OlrPolicy } from '../policy/olr.schema.ts';
import { olrOf } from './olr-cycle.ts';

export interface LoadedSession {
  id: number;
  name: string;
  status: 'open' | 'finalised' | 'delivered';
  blind: boolean;
  version: number;
  cycle: LoadedCycle;
  olr: OlrPolicy;
  root: { id: number; name: string; path: string };
  calibrators: { accountId: number; name: string; personId: number | null }[];
}

/** A calibration session with its cycle, policy and calibrators; 404 when it does not exist. */
export async function loadSession(db: Kysely<DB>, sessionId: number): Promise<LoadedSession> {
  const row = await db
    .selectFrom('calibration_sessions as s')
    .innerJoin('people as root', 'root.id', 's.root_person_id')
    .select(['s.id', 's.name', 's.status', 's.blind', 's.version', 's.cycle_id', 'root.id as root_id', 'root.name as root_name', 'root.path as root_path'])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { detail: `No calibration session ${sessionId}.` });
  const cycle = await loadCycle(db, row.cycle_id);
  const calibrators = await db
    .selectFrom('calibration_calibrators as cc')
    .innerJoin('accounts as a', 'a.id', 'cc.account_id')
    .select(['a.id', 'a.name', 'a.person_id'])
    .where('cc.session_id', '=', sessionId)
    .orderBy('a.name')
    .execute();
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    blind: row.blind,
    version: row.version,
    cycle,
    olr: olrOf(cycle),
    root: { id: row.root_id, name: row.root_name, path: row.root_path },
    calibrators: calibrators.map((c) => ({ accountId: c.id, name: c.name, personId: c.person_id })),
  };
}

export function isCalibrator(actor: Actor, session: LoadedSession): boolean {
  return session.calibrators.some((c) => c.accountId === actor.accountId);
}

/** HR partners whose scope covers the session's organisation, and admins: they run the session. */
export function runsSession(actor: Actor, session: LoadedSession): boolean {
  return administersSubtree(actor, session.root.path);
}

/**
 * Who may see a session at all: its calibrators and the people who run it. Everyone else gets a
 * 404, so the existence of a session about someone's organisation is not disclosed either.
 */
export function authorizeReadSession(actor: Actor, session: LoadedSession): void {
  if (!isCalibrator(actor, session) && !runsSession(actor, session)) throw new AppError('NOT_FOUND', { detail: `No calibration session ${session.id}.` });
}

export function authorizeRunSession(actor: Actor, session: LoadedSession): void {
  authorizeReadSession(actor, session);
  if (!runsSession(actor, session)) throw new AppError('FORBIDDEN', { detail: 'Only the HR partners of this organisation and administrators run a calibration session.' });
}

/** Ratings move only while the session is open; afterwards they are locked. */
export function assertSessionOpen(session: LoadedSession): void {
  if (session.status !== 'open') {
    throw new AppError('CONFLICT', { detail: `The session "${session.name}" is ${session.status}; its ratings are locked.`, extra: { rule: 'RATING_LOCKED' } });
  }
}

/**
 * The person at the root of a session to be opened: in the cycle's organisation, and someone the
 * actor may administer the cycle for. `field` names where the id came from, for the error.
 */
export async function loadSessionRoot(db: Kysely<DB>, options: { actor: Actor; cycle: LoadedCycle; rootPersonId: number; field: string }) {
  const root = await db.selectFrom('people').select(['id', 'name', 'path']).where('id', '=', options.rootPersonId).executeTakeFirst();
  if (!root || !root.path.startsWith(options.cycle.rootPath)) {
    throw new AppError('VALIDATION_FAILED', {
      detail: `Person ${options.rootPersonId} is not in the organisation of ${options.cycle.name}.`,
      errors: [{ path: options.field, message: 'is not in the cycle’s organisation' }],
    });
  }
  authorizeAdministerCycle(options.actor, root.path);
  return root;
}
