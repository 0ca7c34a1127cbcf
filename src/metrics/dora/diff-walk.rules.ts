/** A commit as the walk needs it: its parents (first parent first) and its generation. */
export interface GraphNode {
  sha: string;
  parents: readonly string[];
  /** 1 + the largest generation of its parents (parents outside the graph count as 0). */
  generation: number;
}

const NEW = 1;
const OLD = 2;

/**
 * The commits reachable from `newSha` and not from `oldSha`: the same set as DevLake's refdiff
 * (`commitsBetween`), found without walking the whole history.
 *
 * Every commit has a larger generation than its parents, so taking commits highest generation
 * first means a commit is only taken after every child that can reach it: its marks (reached
 * from the new side, the old side, or both) are final by then. The walk stops as soon as every
 * commit still queued is reached from the old side, typically a few steps past the old commit
 * instead of the whole history that `reachable(old)` costs (DevLake's "15+ hours" step).
 *
 * The walk is pure and resumable: it asks for the nodes it lacks (`wanted`), the caller fetches
 * them (from memory or in one query per step) and hands them over (`provide`, which accepts
 * extra nodes, such as prefetched ancestors). A sha the caller cannot find is a commit without
 * parents, as in DevLake, taken last (generation 0) so every child reaches it first.
 */
export class DiffWalk {
  private readonly nodes = new Map<string, GraphNode | null>();
  private readonly marks = new Map<string, number>();
  /** Queued shas with a known node, in a max-heap by generation. */
  private readonly heap: GraphNode[] = [];
  /** Queued shas whose node is not known yet, with an upper bound on their generation. */
  private readonly unknown = new Map<string, number>();
  private readonly found: string[] = [];
  /** How many queued commits are reached from the new side only: the walk ends at 0. */
  private onlyNew = 0;
  private unknownBound = 0;
  private done = false;

  constructor(newSha: string, oldSha: string) {
    this.enqueue(newSha, NEW, Number.POSITIVE_INFINITY);
    if (oldSha !== '') this.enqueue(oldSha, OLD, Number.POSITIVE_INFINITY);
    this.advance();
  }

  /** The shas the walk needs before it can go on; empty when the answer is ready. */
  wanted(): string[] {
    return this.done ? [] : [...this.unknown.keys()];
  }

  /** Hands over nodes (a null value: the sha is not in the graph) and walks as far as they allow. */
  provide(nodes: Iterable<GraphNode> | ReadonlyMap<string, GraphNode | null>): void {
    if (nodes instanceof Map) for (const [sha, node] of nodes) this.nodes.set(sha, node);
    else for (const node of nodes as Iterable<GraphNode>) this.nodes.set(node.sha, node);
    for (const sha of this.wanted()) if (!this.nodes.has(sha)) this.nodes.set(sha, null);
    for (const sha of this.unknown.keys()) this.push(this.nodeOf(sha));
    this.unknown.clear();
    this.unknownBound = 0;
    this.advance();
  }

  /** The commits the new sha adds over the old one, in the order the walk took them. */
  result(): string[] {
    if (!this.done) throw new Error('the walk is not finished: provide the wanted nodes first');
    return this.found;
  }

  private nodeOf(sha: string): GraphNode {
    return this.nodes.get(sha) ?? { sha, parents: [], generation: 0 };
  }

  private enqueue(sha: string, mark: number, bound: number): void {
    const previous = this.marks.get(sha);
    if (previous === undefined) {
      this.marks.set(sha, mark);
      if (mark === NEW) this.onlyNew++;
      if (this.nodes.has(sha)) this.push(this.nodeOf(sha));
      else {
        this.unknown.set(sha, bound);
        this.unknownBound = Math.max(this.unknownBound, bound);
      }
      return;
    }
    // Already queued (a commit is only reached again before it is taken): its marks grow.
    if (previous === NEW && mark === OLD) this.onlyNew--;
    this.marks.set(sha, previous | mark);
  }

  private advance(): void {
    // Nothing is left to find once every queued commit is reached from the old side.
    while (this.heap.length && this.onlyNew > 0) {
      const top = this.heap[0]!;
      // A queued commit of unknown generation may be a child of the top one: wait for it.
      if (this.unknown.size && this.unknownBound >= top.generation) return;
      this.pop();
      const mark = this.marks.get(top.sha)!;
      if (mark === NEW) {
        this.onlyNew--;
        this.found.push(top.sha);
      }
      const inherited = mark & OLD ? OLD : NEW;
      for (const parent of top.parents) this.enqueue(parent, inherited, top.generation - 1);
    }
    if (this.unknown.size && this.onlyNew > 0) return;
    this.done = true;
  }

  private push(node: GraphNode): void {
    const heap = this.heap;
    heap.push(node);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.generation >= node.generation) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = node;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (!heap.length) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && heap[right]!.generation > heap[left]!.generation ? right : left;
      if (heap[child]!.generation <= last.generation) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
  }
}

/** Runs a walk over a graph held in memory. */
export function diffInMemory(graph: ReadonlyMap<string, GraphNode>, oldSha: string, newSha: string): string[] {
  const walk = new DiffWalk(newSha, oldSha);
  for (let wanted = walk.wanted(); wanted.length; wanted = walk.wanted()) {
    walk.provide(new Map(wanted.map((sha) => [sha, graph.get(sha) ?? null])));
  }
  return walk.result();
}

/**
 * Generations for new commits, parents before children whatever order they come in. `known`
 * gives the generation of commits stored earlier; a parent found nowhere counts as 0. Iterative,
 * so a history of any length fits.
 */
export function assignGenerations(
  commits: readonly { sha: string; parents: readonly string[] }[],
  known: (sha: string) => number | undefined = () => undefined,
): Map<string, number> {
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  const generation = new Map<string, number>();
  const valueOf = (sha: string) => generation.get(sha) ?? (bySha.has(sha) ? undefined : (known(sha) ?? 0));
  // Enter a commit, then its parents, then leave it: its generation is known once they are.
  const inProgress = new Set<string>();
  for (const start of commits) {
    const stack: [string, boolean][] = [[start.sha, false]];
    while (stack.length) {
      const [sha, leaving] = stack.pop()!;
      const parents = bySha.get(sha)!.parents;
      if (leaving) {
        inProgress.delete(sha);
        generation.set(sha, 1 + Math.max(0, ...parents.map((p) => valueOf(p) ?? 0)));
        continue;
      }
      if (generation.has(sha) || inProgress.has(sha)) continue;
      inProgress.add(sha);
      stack.push([sha, true]);
      // A parent still in progress closes a cycle (corrupt input): it reads as 0 instead of looping.
      for (const p of parents) if (valueOf(p) === undefined && !inProgress.has(p)) stack.push([p, false]);
    }
  }
  return generation;
}
