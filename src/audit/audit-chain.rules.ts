import { auditEntryHash, detailsHashOf, GENESIS_HASH } from './audit.service.ts';
import { declaredErasures, isErasureMarker } from './audit-erasure.rules.ts';

/** One stored audit entry, as verification reads it back. */
export interface ChainEntry {
  seq: number;
  at: Date;
  actorAccountId: number | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details: Record<string, unknown>;
  /** The stored hash of the details as written; the entry hash covers this, not the details. */
  detailsHash: string;
  prevHash: string;
  hash: string;
}

export type ChainProblemKind = 'missing-sequence' | 'broken-link' | 'hash-mismatch' | 'head-not-found' | 'unaccounted-erasure';

export interface ChainProblem {
  kind: ChainProblemKind;
  /** The first bad entry; null for a head that is not in the chain (no entry to blame). */
  seq: number | null;
  message: string;
}

/**
 * Verification state, threaded through batch after batch so the chain can be checked in
 * constant memory however long it is.
 */
export interface ChainCheck {
  /** Entries checked and found good so far. */
  entries: number;
  last: { seq: number; hash: string } | null;
  expectedHead: string | null;
  headFound: boolean;
  /**
   * Erased payloads and the erasure entries that declare them, by erasure time (ISO): they must
   * agree at the end. `firstSeq` is the first erased entry, `eventSeq` the first declaring one.
   */
  erasures: Record<string, { erased: number; declared: number; firstSeq: number | null; eventSeq: number | null }>;
  problem: ChainProblem | null;
}

const HEAD_PATTERN = /^[0-9a-f]{64}$/u;

/** True for a well-formed chain hash (lowercase SHA-256 hex), as `audit head` prints it. */
export function isChainHash(text: string): boolean {
  return HEAD_PATTERN.test(text);
}

/** The state before the first entry; the genesis hash is in every chain, even an empty one. */
export function startChainCheck(expectedHead: string | null = null): ChainCheck {
  return { entries: 0, last: null, expectedHead, headFound: expectedHead === null || expectedHead === GENESIS_HASH, erasures: {}, problem: null };
}

/** Checks the next entries, in sequence order; stops at the first bad one. */
export function checkChainEntries(check: ChainCheck, entries: readonly ChainEntry[]): ChainCheck {
  let { entries: count, last, headFound } = check;
  if (check.problem) return check;
  const erasures = { ...check.erasures };
  const tally = (at: string) => (erasures[at] = { ...(erasures[at] ?? { erased: 0, declared: 0, firstSeq: null, eventSeq: null }) });
  for (const entry of entries) {
    const problem = entryProblem(entry, last);
    if (problem) return { ...check, entries: count, last, headFound, erasures, problem };
    count += 1;
    last = { seq: entry.seq, hash: entry.hash };
    if (!headFound && entry.hash === check.expectedHead) headFound = true;
    if (isErasureMarker(entry.details)) {
      const t = tally(new Date(entry.details.at).toISOString());
      t.erased += 1;
      t.firstSeq ??= entry.seq;
    }
    const declared = declaredErasures(entry);
    if (declared !== null) {
      const t = tally(entry.at.toISOString());
      t.declared += declared;
      t.eventSeq ??= entry.seq;
    }
  }
  return { ...check, entries: count, last, headFound, erasures };
}

/** Ends the check: an intact chain must still contain the head kept outside the database. */
export function finishChainCheck(check: ChainCheck): ChainCheck {
  if (check.problem) return check;
  const unaccounted = erasureProblem(check);
  if (unaccounted) return { ...check, problem: unaccounted };
  if (check.headFound) return check;
  const end = check.last ? `ends at entry ${check.last.seq} (hash ${check.last.hash})` : 'is empty';
  return {
    ...check,
    problem: {
      kind: 'head-not-found',
      seq: null,
      message:
        `head not found: the chain ${end} and does not contain the kept head ${check.expectedHead}; ` +
        'entries after it were deleted, or the chain was rewritten and re-hashed',
    },
  };
}

/** The whole check over entries already in memory (tests, small chains). */
export function verifyChainEntries(entries: readonly ChainEntry[], expectedHead: string | null = null): ChainCheck {
  return finishChainCheck(checkChainEntries(startChainCheck(expectedHead), entries));
}

// Sequence first, then the link, then the content: a deleted row shows as the gap it left, not
// as the broken link that follows from it, and a re-linked row is told apart from an edited one.
function entryProblem(entry: ChainEntry, previous: { seq: number; hash: string } | null): ChainProblem | null {
  const expectedSeq = previous ? previous.seq + 1 : 1;
  if (entry.seq !== expectedSeq) {
    const missing = entry.seq > expectedSeq
      ? entry.seq - expectedSeq === 1
        ? `entry ${expectedSeq} is missing`
        : `entries ${expectedSeq} to ${entry.seq - 1} are missing`
      : `sequence number ${entry.seq} is out of order`;
    return { kind: 'missing-sequence', seq: entry.seq, message: `missing sequence number: expected entry ${expectedSeq}, found ${entry.seq} (${missing})` };
  }
  const expectedPrev = previous?.hash ?? GENESIS_HASH;
  if (entry.prevHash !== expectedPrev) {
    const what = previous ? `entry ${previous.seq}'s hash ${expectedPrev}` : `the genesis hash ${GENESIS_HASH}`;
    return { kind: 'broken-link', seq: entry.seq, message: `broken link: prev_hash ${entry.prevHash} is not ${what}` };
  }
  // A payload must match its stored hash, unless it was erased (the one change allowed).
  if (!isErasureMarker(entry.details)) {
    const actual = detailsHashOf(entry.details);
    if (actual !== entry.detailsHash) {
      return {
        kind: 'hash-mismatch',
        seq: entry.seq,
        message: `hash mismatch: the details are not the ones whose hash ${entry.detailsHash} was stored (they hash to ${actual}); the entry was changed after it was written`,
      };
    }
  }
  const { hash: stored, details: _details, ...content } = entry;
  const recomputed = auditEntryHash(content);
  if (recomputed !== stored) {
    return {
      kind: 'hash-mismatch',
      seq: entry.seq,
      message: `hash mismatch: the stored hash ${stored} is not the hash of the entry's content (${recomputed}); the entry was changed after it was written`,
    };
  }
  return null;
}

// Erased payloads must be exactly the ones erasure entries declare, time by time: a payload
// replaced by the marker outside an erasure (the database allows the change itself) shows here.
function erasureProblem(check: ChainCheck): ChainProblem | null {
  for (const [at, t] of Object.entries(check.erasures).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (t.erased === t.declared) continue;
    return {
      kind: 'unaccounted-erasure',
      seq: t.firstSeq ?? t.eventSeq,
      message:
        `unaccounted erasure: ${t.erased} payload${t.erased === 1 ? ' was' : 's were'} erased at ${at} but erasure entries declare ${t.declared}; ` +
        'a payload was erased outside an erasure, or an erasure entry was forged',
    };
  }
  return null;
}
