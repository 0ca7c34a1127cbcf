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

/** The SHA-256 of an entry's details, stored beside them as details_hash. */
export function detailsHashOf(details: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(details)).digest('hex');
}

/** The fields of an entry the hash covers, besides its details. */
export interface AuditEntryFields {
  seq: number;
  at: Date;
  actorAccountId: number | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  prevHash: string;
}

/** An entry's content with its details as written. */
export type AuditEntryContent = AuditEntryFields & { details: Record<string, unknown> };

/** The details given either as themselves or as their stored hash. */
export type AuditHashInput = AuditEntryContent | (AuditEntryFields & { detailsHash: string });

/**
 * The hash of one entry: it covers the previous hash, so editing any row breaks the chain. It
 * covers the hash of the details rather than the details themselves, so a person's data can be
 * erased from a payload (src/audit/audit-erasure.rules.ts) while the chain still verifies; the
 * stored details_hash still pins down what the payload was.
 */
export function auditEntryHash(entry: AuditHashInput): string {
  const { seq, at, actorAccountId, action, subjectType, subjectId, prevHash } = entry;
  const detailsHash = 'detailsHash' in entry ? entry.detailsHash : detailsHashOf(entry.details);
  const content = { seq, at, actorAccountId, action, subjectType, subjectId, prevHash, detailsHash };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
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
  const detailsHash = detailsHashOf(details);
  const hash = auditEntryHash({
    seq,
    at,
    actorAccountId: input.actorAccountId,
    action: input.action,
    subjectType: input.subjectType,
    subjectId,
    detailsHash,
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
      details_hash: detailsHash,
      prev_hash: prevHash,
      hash,
    })
    .execute();
}
