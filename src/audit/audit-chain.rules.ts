import { auditEntryHash, GENESIS_HASH } from './audit.service.ts';

/** One stored audit entry, as verification reads it back. */
export interface ChainEntry {
  seq: number;
  at: Date;
  actorAccountId: number | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export type ChainProblemKind = 'missing-sequence' | 'broken-link' | 'hash-mismatch' | 'head-not-found';

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
  problem: ChainProblem | null;
}

const HEAD_PATTERN = /^[0-9a-f]{64}$/u;

/** True for a well-formed chain hash (lowercase SHA-256 hex), as `audit head` prints it. */
export function isChainHash(text: string): boolean {
  return HEAD_PATTERN.test(text);
}

/** The state before the first entry; the genesis hash is in every chain, even an empty one. */
export function startChainCheck(expectedHead: string | null = null): ChainCheck {
  return { entries: 0, last: null, expectedHead, headFound: expectedHead === null || expectedHead === GENESIS_HASH, problem: null };
}

/** Checks the next entries, in sequence order; stops at the first bad one. */
export function checkChainEntries(check: ChainCheck, entries: readonly ChainEntry[]): ChainCheck {
  let { entries: count, last, headFound } = check;
  if (check.problem) return check;
  for (const entry of entries) {
    const problem = entryProblem(entry, last);
    if (problem) return { ...check, entries: count, last, headFound, problem };
    count += 1;
    last = { seq: entry.seq, hash: entry.hash };
    if (!headFound && entry.hash === check.expectedHead) headFound = true;
  }
  return { ...check, entries: count, last, headFound };
}

/** Ends the check: an intact chain must still contain the head kept outside the database. */
export function finishChainCheck(check: ChainCheck): ChainCheck {
  if (check.problem || check.headFound) return check;
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
  // auditEntryHash hashes every property it is given, so the stored hash must not go in.
  const { hash: stored, ...content } = entry;
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
