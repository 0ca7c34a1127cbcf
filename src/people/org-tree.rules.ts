/**
 * Materialised paths for a manager forest: '/top/.../self/'. Input must be acyclic (the CSV
 * rules guarantee it); a person whose manager is unknown starts a tree of their own.
 */
export function computePaths(people: { id: number; managerId: number | null }[]): Map<number, string> {
  const managerOf = new Map(people.map((p) => [p.id, p.managerId]));
  const paths = new Map<number, string>();
  const resolve = (id: number): string => {
    const known = paths.get(id);
    if (known !== undefined) return known;
    // Walk up iteratively: deep trees must not overflow the stack.
    const chain: number[] = [];
    let current: number | null | undefined = id;
    const onChain = new Set<number>();
    while (current != null && managerOf.has(current) && !paths.has(current)) {
      if (onChain.has(current)) throw new Error(`manager cycle through person ${current}`);
      onChain.add(current);
      chain.push(current);
      current = managerOf.get(current) ?? null;
    }
    let prefix = current != null && paths.has(current) ? paths.get(current)! : '/';
    for (let i = chain.length - 1; i >= 0; i--) {
      prefix = `${prefix}${chain[i]}/`;
      paths.set(chain[i]!, prefix);
    }
    return paths.get(id)!;
  };
  for (const p of people) resolve(p.id);
  return paths;
}

/** True when `path` lies in the subtree whose root has `rootPath` (the root included). */
export function isInSubtree(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath);
}
