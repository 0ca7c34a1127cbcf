import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditEntryHash, detailsHashOf, GENESIS_HASH } from './audit.service.ts';
import { checkChainEntries, finishChainCheck, isChainHash, startChainCheck, verifyChainEntries, type ChainEntry } from './audit-chain.rules.ts';

/** A correctly linked chain of `length` entries, built the way appendAuditEvent builds it. */
function buildChain(length: number): ChainEntry[] {
  const entries: ChainEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq++) {
    const content = {
      seq,
      at: new Date(Date.UTC(2026, 10, 23, 10, 0, seq)),
      actorAccountId: seq % 3 === 0 ? null : seq,
      action: 'rating.changed',
      subjectType: 'person',
      subjectId: String(100 + seq),
      details: { from: 'HV1', to: 'HV2', why: `reason ${seq}` },
      prevHash,
    };
    const entry = seal(content);
    entries.push(entry);
    prevHash = entry.hash;
  }
  return entries;
}

/** An entry with its details hash and entry hash computed from its content, as the writer stores it. */
function seal(content: Omit<ChainEntry, 'hash' | 'detailsHash'> & { detailsHash?: string; hash?: string }): ChainEntry {
  const { hash: _hash, detailsHash: _detailsHash, ...fields } = content;
  const detailsHash = detailsHashOf(fields.details);
  const { details: _details, ...hashed } = fields;
  return { ...fields, detailsHash, hash: auditEntryHash({ ...hashed, detailsHash }) };
}

/** Recomputes the hashes from `from` on, as someone who knows the algorithm would. */
function rehash(entries: ChainEntry[], from: number): ChainEntry[] {
  const out = entries.slice(0, from);
  for (const entry of entries.slice(from)) {
    const prevHash = out.at(-1)?.hash ?? GENESIS_HASH;
    out.push(seal({ ...entry, prevHash }));
  }
  return out;
}

describe('verifyChainEntries', () => {
  it('accepts an intact chain and an empty one', () => {
    expect(verifyChainEntries(buildChain(6))).toMatchObject({ entries: 6, last: { seq: 6 }, problem: null });
    expect(verifyChainEntries([])).toMatchObject({ entries: 0, last: null, problem: null });
  });

  it('names an edited payload as a hash mismatch at that entry', () => {
    const chain = buildChain(6);
    chain[3] = { ...chain[3]!, details: { from: 'HV1', to: 'TT', why: 'reason 4' } };
    expect(verifyChainEntries(chain)).toMatchObject({ entries: 3, problem: { kind: 'hash-mismatch', seq: 4 } });
  });

  it.each<[string, Partial<ChainEntry>]>([
    ['the time', { at: new Date(Date.UTC(2026, 10, 23, 10, 0, 3, 1)) }],
    ['the actor', { actorAccountId: 99 }],
    ['the action', { action: 'rating.deleted' }],
    ['the subject', { subjectId: '999' }],
  ])('catches a change to %s', (_what, change) => {
    const chain = buildChain(4);
    chain[2] = { ...chain[2]!, ...change };
    expect(verifyChainEntries(chain).problem).toMatchObject({ kind: 'hash-mismatch', seq: 3 });
  });

  it('names an edited and re-hashed entry by the broken link of the next one', () => {
    const chain = buildChain(6);
    chain[2] = seal({ ...chain[2]!, details: { rewritten: true } });
    expect(verifyChainEntries(chain).problem).toMatchObject({ kind: 'broken-link', seq: 4 });
  });

  it('names a first entry that does not start from the genesis hash', () => {
    const chain = buildChain(2);
    chain[0] = { ...chain[0]!, prevHash: 'f'.repeat(64) };
    expect(verifyChainEntries(chain).problem).toMatchObject({ kind: 'broken-link', seq: 1 });
  });

  it('names the entry after a deleted one as a missing sequence number, even when re-hashed', () => {
    const chain = buildChain(6);
    const deleted = [...chain.slice(0, 2), ...chain.slice(3)];
    expect(verifyChainEntries(deleted).problem).toMatchObject({ kind: 'missing-sequence', seq: 4, message: expect.stringContaining('entry 3 is missing') });
    expect(verifyChainEntries(rehash(deleted, 2)).problem).toMatchObject({ kind: 'missing-sequence', seq: 4 });
    const two = [...chain.slice(0, 1), ...chain.slice(3)];
    expect(verifyChainEntries(two).problem?.message).toContain('entries 2 to 3 are missing');
  });

  it('requires the chain to start at entry 1', () => {
    expect(verifyChainEntries(buildChain(3).slice(1)).problem).toMatchObject({ kind: 'missing-sequence', seq: 2 });
  });

  it('catches two entries that swapped places', () => {
    const chain = buildChain(5);
    const swapped = chain.map((e) => ({ ...e }));
    // Rows keep their sequence numbers but trade contents, as an UPDATE of every other column would.
    swapped[1] = { ...chain[2]!, seq: 2 };
    swapped[2] = { ...chain[1]!, seq: 3 };
    expect(verifyChainEntries(swapped).problem).toMatchObject({ seq: 2 });
  });

  it('needs the kept head to be in the chain: deleting the newest entries is caught', () => {
    const chain = buildChain(8);
    const head = chain[7]!.hash;
    expect(verifyChainEntries(chain, head).problem).toBeNull();
    expect(verifyChainEntries(chain.slice(0, 6), head)).toMatchObject({ entries: 6, problem: { kind: 'head-not-found', seq: null } });
    expect(verifyChainEntries(chain.slice(0, 6), head).problem?.message).toContain('ends at entry 6');
    // An older head is still contained by a longer chain.
    expect(verifyChainEntries(chain, chain[2]!.hash).problem).toBeNull();
  });

  it('catches a rewritten and fully re-hashed chain only through the kept head', () => {
    const chain = buildChain(6);
    const head = chain[5]!.hash;
    const forged = rehash(chain.map((e) => (e.seq === 2 ? { ...e, details: { forged: true } } : e)), 1);
    expect(verifyChainEntries(forged).problem).toBeNull();
    expect(verifyChainEntries(forged, head).problem).toMatchObject({ kind: 'head-not-found' });
  });

  it('accepts the genesis hash as the head of any chain, the empty one included', () => {
    expect(verifyChainEntries([], GENESIS_HASH).problem).toBeNull();
    expect(verifyChainEntries([], 'a'.repeat(64)).problem).toMatchObject({ kind: 'head-not-found', message: expect.stringContaining('is empty') });
  });

  it('gives the same verdict whatever the batch boundaries', () => {
    const chain = buildChain(20);
    const variants = [
      chain,
      chain.map((e) => (e.seq === 13 ? { ...e, action: 'edited' } : e)),
      chain.filter((e) => e.seq !== 7),
      chain.slice(0, 15),
    ];
    fc.assert(
      fc.property(fc.constantFrom(...variants), fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 25 }), fc.boolean(), (entries, sizes, withHead) => {
        const head = withHead ? chain[19]!.hash : null;
        let check = startChainCheck(head);
        let offset = 0;
        for (const size of sizes) {
          check = checkChainEntries(check, entries.slice(offset, offset + size));
          offset += size;
        }
        check = finishChainCheck(checkChainEntries(check, entries.slice(offset)));
        expect(check).toEqual(verifyChainEntries(entries, head));
      }),
    );
  });
});

describe('isChainHash', () => {
  it('accepts lowercase SHA-256 hex only', () => {
    expect(isChainHash('ab'.repeat(32))).toBe(true);
    expect(isChainHash('AB'.repeat(32))).toBe(false);
    expect(isChainHash('ab'.repeat(31))).toBe(false);
    expect(isChainHash(`${'ab'.repeat(32)}\n`)).toBe(false);
  });
});
