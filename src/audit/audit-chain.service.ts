import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { GENESIS_HASH } from './audit.service.ts';
import { checkChainEntries, finishChainCheck, startChainCheck, type ChainCheck, type ChainEntry } from './audit-chain.rules.ts';

/** The chain head to keep outside the database: entry count, newest entry and its hash. */
export interface AuditHead {
  entries: number;
  seq: number | null;
  at: Date | null;
  /** The genesis hash for an empty chain, so a head is always something `verify --head` accepts. */
  hash: string;
}

/** Reads the current head in one statement, so the count and the newest entry agree. */
export async function readAuditHead(db: Kysely<DB>): Promise<AuditHead> {
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => ['seq', 'at', 'hash', eb.selectFrom('audit_events').select(eb.fn.countAll<number>().as('n')).as('entries')])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return { entries: 0, seq: null, at: null, hash: GENESIS_HASH };
  return { entries: Number(row.entries), seq: Number(row.seq), at: row.at, hash: row.hash };
}

/**
 * Recomputes the chain in sequence order, a batch at a time (keyset on the primary key, so
 * millions of entries never sit in memory at once), and stops at the first bad entry.
 */
export async function verifyAuditChain(db: Kysely<DB>, options: { expectedHead?: string | null; batchSize?: number } = {}): Promise<ChainCheck> {
  const batchSize = options.batchSize ?? 5000;
  let check = startChainCheck(options.expectedHead ?? null);
  let after: number | null = null;
  for (;;) {
    let query = db
      .selectFrom('audit_events')
      .select(['seq', 'at', 'actor_account_id', 'action', 'subject_type', 'subject_id', 'details', 'details_hash', 'prev_hash', 'hash'])
      .orderBy('seq')
      .limit(batchSize);
    // No lower bound on the first batch: a tampered row renumbered to 0 or below must still be read.
    if (after !== null) query = query.where('seq', '>', after);
    const rows = await query.execute();
    if (rows.length === 0) break;
    check = checkChainEntries(check, rows.map(toChainEntry));
    if (check.problem || rows.length < batchSize) break;
    after = Number(rows.at(-1)!.seq);
  }
  return finishChainCheck(check);
}

function toChainEntry(row: {
  seq: number;
  at: Date;
  actor_account_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  details: unknown;
  details_hash: string;
  prev_hash: string;
  hash: string;
}): ChainEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    actorAccountId: row.actor_account_id,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    details: row.details as Record<string, unknown>,
    detailsHash: row.details_hash,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
