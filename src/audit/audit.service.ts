import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEventInput {
  actorAccountId: number | null;
  action: string;
  subjectType: string;
  subjectId?: string | number | null;
  requestId?: string | null;
  details?: Record<string, unknown>;
  at: Date;
}

/** JSON with sorted keys, so the same event always hashes the same way. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The hash of one entry: it covers the previous hash, so editing any row breaks the chain. */
export function auditEntryHash(entry: {
  seq: number;
  at: Date;
  actorAccountId: number | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
}): string {
  return createHash('sha256').update(canonicalJson(entry)).digest('hex');
}

/**
 * Appends an event to the hash chain inside the caller's transaction. A transaction-scoped
 * advisory lock orders concurrent writers so the chain never forks.
 */
export async function appendAuditEvent(trx: Transaction<DB> | Kysely<DB>, input: AuditEventInput): Promise<void> {
  await sql`select pg_advisory_xact_lock(7262001)`.execute(trx);
  const last = await trx
    .selectFrom('audit_events')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const subjectId = input.subjectId == null ? null : String(input.subjectId);
  const details = input.details ?? {};
  const at = new Date(Math.floor(input.at.getTime()));
  const hash = auditEntryHash({
    seq,
    at,
    actorAccountId: input.actorAccountId,
    action: input.action,
    subjectType: input.subjectType,
    subjectId,
    details,
    prevHash,
  });
  await trx
    .insertInto('audit_events')
    .values({
      seq,
      at,
      actor_account_id: input.actorAccountId,
      action: input.action,
      subject_type: input.subjectType,
      subject_id: subjectId,
      request_id: input.requestId ?? null,
      details: JSON.stringify(details),
      prev_hash: prevHash,
      hash,
    })
    .execute();
}
