/** Parent lists by commit sha, in the order the edges were given (first parent first). */
export type CommitGraph = ReadonlyMap<string, readonly string[]>;

/** Builds the parent graph from (commit, parent) edges; a repeated edge is kept once. */
export function buildCommitGraph(edges: Iterable<{ commit_sha: string; parent_commit_sha: string }>): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const { commit_sha, parent_commit_sha } of edges) {
    const edge = `${commit_sha}\u0000${parent_commit_sha}`;
    if (seen.has(edge)) continue;
    seen.add(edge);
    const parents = graph.get(commit_sha);
    if (parents) parents.push(parent_commit_sha);
    else graph.set(commit_sha, [parent_commit_sha]);
  }
  return graph;
}

/**
 * The commits reachable from `newSha` and not from `oldSha`, in DevLake refdiff's order:
 * depth-first pre-order from the new commit, parents in edge order, stopping at commits the
 * old one reaches. A sha missing from the graph is a commit without parents (DevLake makes the
 * same node), so `oldSha = ''` (no previous deployment) excludes nothing.
 *
 * Iterative on purpose: histories of 100,000+ commits overflow a recursive walk. Checking a
 * node when it is popped (not when pushed) keeps exactly the recursive pre-order.
 */
export function commitsBetween(graph: CommitGraph, oldSha: string, newSha: string): string[] {
  const reachedByOld = reachable(graph, oldSha);
  const visited = new Set<string>();
  const order: string[] = [];
  const stack = [newSha];
  while (stack.length) {
    const sha = stack.pop()!;
    if (reachedByOld.has(sha) || visited.has(sha)) continue;
    visited.add(sha);
    order.push(sha);
    const parents = graph.get(sha) ?? [];
    for (let i = parents.length - 1; i >= 0; i--) stack.push(parents[i]!);
  }
  return order;
}

/** Every commit reachable from `sha` through parents, itself included. */
export function reachable(graph: CommitGraph, sha: string): Set<string> {
  const seen = new Set<string>([sha]);
  const stack = [sha];
  while (stack.length) {
    for (const parent of graph.get(stack.pop()!) ?? []) {
      if (!seen.has(parent)) {
        seen.add(parent);
        stack.push(parent);
      }
    }
  }
  return seen;
}
