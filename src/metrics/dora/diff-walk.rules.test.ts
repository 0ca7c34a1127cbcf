import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCommitGraph, commitsBetween } from './commit-graph.rules.ts';
import { assignGenerations, DiffWalk, diffInMemory, type GraphNode } from './diff-walk.rules.ts';

/** A random DAG: commit i's parents are drawn from commits before it (first parent first). */
const dagArbitrary = fc
  .array(fc.array(fc.nat(), { maxLength: 3 }), { minLength: 1, maxLength: 40 })
  .map((choices) => choices.map((picks, i) => ({ sha: `c${i}`, parents: i === 0 ? [] : [...new Set(picks.map((p) => `c${p % i}`))] })));

function nodesOf(commits: { sha: string; parents: string[] }[]): Map<string, GraphNode> {
  const generations = assignGenerations(commits);
  return new Map(commits.map((c) => [c.sha, { ...c, generation: generations.get(c.sha)! }]));
}

describe('DiffWalk', () => {
  it('finds exactly the commits DevLake refdiff finds, for any two commits of any DAG', () => {
    fc.assert(
      fc.property(dagArbitrary, fc.nat(), fc.nat(), (commits, a, b) => {
        const newSha = commits[a % commits.length]!.sha;
        const oldSha = b % 5 === 0 ? '' : commits[b % commits.length]!.sha;
        const devlake = commitsBetween(buildCommitGraph(commits.flatMap((c) => c.parents.map((p) => ({ commit_sha: c.sha, parent_commit_sha: p })))), oldSha, newSha);
        expect(new Set(diffInMemory(nodesOf(commits), oldSha, newSha))).toEqual(new Set(devlake));
      }),
      { numRuns: 400 },
    );
  });

  it('stops near the old commit instead of walking the whole history', () => {
    const commits = Array.from({ length: 10_000 }, (_, i) => ({ sha: `c${i}`, parents: i ? [`c${i - 1}`] : [] }));
    const graph = nodesOf(commits);
    let fetched = 0;
    const walk = new DiffWalk('c9999', 'c9990');
    for (let wanted = walk.wanted(); wanted.length; wanted = walk.wanted()) {
      fetched += wanted.length;
      walk.provide(new Map(wanted.map((sha) => [sha, graph.get(sha) ?? null])));
    }
    expect(walk.result()).toEqual(['c9999', 'c9998', 'c9997', 'c9996', 'c9995', 'c9994', 'c9993', 'c9992', 'c9991']);
    expect(fetched).toBeLessThan(15);
  });

  it('uses nodes handed over ahead of time (prefetched ancestors) without asking again', () => {
    const graph = nodesOf([
      { sha: 'a', parents: [] },
      { sha: 'b', parents: ['a'] },
      { sha: 'm', parents: ['b', 'x'] },
      { sha: 'x', parents: ['a'] },
    ]);
    const walk = new DiffWalk('m', 'b');
    expect(walk.wanted().sort()).toEqual(['b', 'm']);
    walk.provide(graph.values());
    expect(walk.wanted()).toEqual([]);
    expect(walk.result()).toEqual(['m', 'x']);
  });

  it('treats a sha missing from the graph as a commit without parents, as DevLake does', () => {
    expect(diffInMemory(new Map(), 'old', 'new')).toEqual(['new']);
    expect(diffInMemory(new Map(), '', 'same')).toEqual(['same']);
    expect(diffInMemory(new Map(), 'same', 'same')).toEqual([]);
  });
});

describe('assignGenerations', () => {
  it('gives every commit a larger generation than its parents, whatever the input order', () => {
    fc.assert(
      fc.property(dagArbitrary, fc.integer(), (commits, seed) => {
        const shuffled = [...commits].sort((x, y) => ((x.sha.length * 31 + seed) % 7) - ((y.sha.length * 17 + seed) % 7));
        const generations = assignGenerations(shuffled);
        for (const c of commits) for (const p of c.parents) expect(generations.get(c.sha)!).toBeGreaterThan(generations.get(p)!);
      }),
    );
  });

  it('builds on the generations of commits stored earlier; an unknown parent counts as 0', () => {
    const generations = assignGenerations([{ sha: 'n', parents: ['stored', 'nowhere'] }], (sha) => (sha === 'stored' ? 41 : undefined));
    expect(generations.get('n')).toBe(42);
  });

  it('walks a 200,000-commit chain without overflowing the stack', () => {
    const commits = Array.from({ length: 200_000 }, (_, i) => ({ sha: `c${i}`, parents: i ? [`c${i - 1}`] : [] })).reverse();
    expect(assignGenerations(commits).get('c199999')).toBe(200_000);
  });
});
