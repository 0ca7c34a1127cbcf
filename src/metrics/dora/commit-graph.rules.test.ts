import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCommitGraph, commitsBetween, reachable } from './commit-graph.rules.ts';

const edges = (pairs: string) => pairs.split(' ').map((p) => { const [commit_sha, parent_commit_sha] = p.split('>'); return { commit_sha: commit_sha!, parent_commit_sha: parent_commit_sha! }; });

describe('commitsBetween', () => {
  // m merges b (first parent) and f; both branch from a.
  const graph = buildCommitGraph(edges('m>b m>f b>a f>e e>a a>root'));

  it('walks depth first from the new commit, first parent first, in pre-order', () => {
    expect(commitsBetween(graph, '', 'm')).toEqual(['m', 'b', 'a', 'root', 'f', 'e']);
  });

  it('stops at every commit the old one reaches', () => {
    expect(commitsBetween(graph, 'b', 'm')).toEqual(['m', 'f', 'e']);
    expect(commitsBetween(graph, 'm', 'm')).toEqual([]);
    expect(commitsBetween(graph, 'm', 'b')).toEqual([]);
  });

  it('treats an unknown sha as a commit without parents', () => {
    expect(commitsBetween(graph, 'b', 'unknown')).toEqual(['unknown']);
    expect(commitsBetween(graph, 'unknown', 'b')).toEqual(['b', 'a', 'root']);
  });

  it('walks a history of 200,000 commits without running out of stack', () => {
    const n = 200_000;
    const long = buildCommitGraph(Array.from({ length: n - 1 }, (_, i) => ({ commit_sha: `c${i + 1}`, parent_commit_sha: `c${i}` })));
    expect(commitsBetween(long, '', `c${n - 1}`)).toHaveLength(n);
    expect(commitsBetween(long, `c${n - 11}`, `c${n - 1}`)).toHaveLength(10);
  });

  it('is exactly the commits reachable from new and not from old, each once, new first', () => {
    // Random DAGs: commit i may have parents among commits below it.
    const dag = fc.integer({ min: 1, max: 30 }).chain((n) =>
      fc.tuple(
        fc.constant(n),
        fc.array(fc.tuple(fc.integer({ min: 1, max: n - 1 > 0 ? n - 1 : 1 }), fc.nat()), { maxLength: 60 }),
        fc.nat({ max: n - 1 }),
        fc.nat({ max: n - 1 }),
      ),
    );
    fc.assert(
      fc.property(dag, ([n, raw, newIndex, oldIndex]) => {
        const pairs = raw.filter(([child]) => child < n).map(([child, p]) => ({ commit_sha: `c${child}`, parent_commit_sha: `c${p % child}` }));
        const g = buildCommitGraph(pairs);
        const walk = commitsBetween(g, `c${oldIndex}`, `c${newIndex}`);
        const expected = [...reachable(g, `c${newIndex}`)].filter((c) => !reachable(g, `c${oldIndex}`).has(c));
        expect(new Set(walk).size).toBe(walk.length);
        expect([...walk].sort()).toEqual(expected.sort());
        if (walk.length) expect(walk[0]).toBe(`c${newIndex}`);
      }),
    );
  });
});

describe('buildCommitGraph', () => {
  it('keeps parents in edge order and a repeated edge once', () => {
    expect(buildCommitGraph(edges('m>p1 m>p2 m>p1')).get('m')).toEqual(['p1', 'p2']);
  });
});
