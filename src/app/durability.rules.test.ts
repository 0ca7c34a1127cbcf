import { describe, expect, it } from 'vitest';
import { durabilityProblems } from './durability.rules.ts';

describe('durabilityProblems', () => {
  it('accepts fsync on with every synchronous_commit that waits for the local flush', () => {
    for (const synchronousCommit of ['on', 'local', 'remote_write', 'remote_apply']) {
      expect(durabilityProblems({ fsync: 'on', synchronousCommit }), synchronousCommit).toEqual([]);
    }
  });

  it('names fsync off and synchronous_commit off, each with what it risks', () => {
    expect(durabilityProblems({ fsync: 'off', synchronousCommit: 'off' })).toEqual([
      expect.stringMatching(/^fsync is off: .*machine crash/u),
      expect.stringMatching(/^synchronous_commit is off: .*server crash loses the last acknowledged writes/u),
    ]);
    expect(durabilityProblems({ fsync: 'on', synchronousCommit: 'off' })).toHaveLength(1);
  });
});
