import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePaths, isInSubtree } from './org-tree.rules.ts';

type Person = { id: number; managerId: number | null };
const person = (id: number, managerId: number | null = null): Person => ({ id, managerId });

describe('computePaths', () => {
  it('gives every person of a forest the path from their top down to themselves', () => {
    const paths = computePaths([person(1), person(2, 1), person(3, 2), person(4, 1), person(10), person(11, 10)]);
    expect(Object.fromEntries(paths)).toEqual({
      1: '/1/',
      2: '/1/2/',
      3: '/1/2/3/',
      4: '/1/4/',
      10: '/10/',
      11: '/10/11/',
    });
  });

  it('does not depend on managers being listed before their reports', () => {
    const paths = computePaths([person(3, 2), person(4, 1), person(2, 1), person(1)]);
    expect(Object.fromEntries(paths)).toEqual({ 1: '/1/', 2: '/1/2/', 3: '/1/2/3/', 4: '/1/4/' });
  });

  it('starts a tree of their own for a person whose manager is unknown', () => {
    const paths = computePaths([person(1), person(2, 99), person(3, 2)]);
    expect(paths.get(2)).toBe('/2/');
    expect(paths.get(3)).toBe('/2/3/');
    expect(paths.has(99)).toBe(false);
  });

  it('handles the id 0 like any other', () => {
    expect(Object.fromEntries(computePaths([person(5, 0), person(0)]))).toEqual({ 0: '/0/', 5: '/0/5/' });
  });

  it('returns an empty map for nobody', () => {
    expect(computePaths([]).size).toBe(0);
  });

  it('handles a chain 20,000 deep without overflowing the stack', () => {
    const depth = 20_000;
    // Deepest first, so the very first lookup has to climb the whole chain.
    const chain = Array.from({ length: depth }, (_, i) => person(depth - i, depth - i - 1 || null));
    const paths = computePaths(chain);
    expect(paths.size).toBe(depth);
    const deepest = paths.get(depth)!;
    expect(deepest.startsWith('/1/2/3/')).toBe(true);
    expect(deepest.endsWith(`/${depth - 1}/${depth}/`)).toBe(true);
    expect(deepest.split('/').filter(Boolean)).toHaveLength(depth);
    expect(paths.get(10_000)?.endsWith('/9999/10000/')).toBe(true);
  });

  describe('cycles', () => {
    it.each([
      ['someone who manages themselves', [person(1, 1)]],
      ['a cycle of two', [person(1, 2), person(2, 1)]],
      ['a cycle of three', [person(1, 3), person(2, 1), person(3, 2)]],
      ['a tree hanging below a cycle', [person(5, 4), person(4, 1), person(1, 2), person(2, 1)]],
    ])('throws for %s', (_name, people) => {
      expect(() => computePaths(people)).toThrow(/^manager cycle through person \d+$/u);
    });
  });

  describe('properties', () => {
    // A random forest with random, unique ids: each person reports to an earlier one or is a top.
    // The people are then shuffled so managers may come after their reports.
    const forestArb = fc
      .uniqueArray(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 60 })
      .chain((ids) =>
        fc.record({
          ids: fc.constant(ids),
          parents: fc
            .array(fc.nat(), { minLength: ids.length, maxLength: ids.length })
            .map((seeds) => seeds.map((seed, i) => (i === 0 || seed % 4 === 0 ? null : Math.floor(seed / 4) % i))),
          order: fc.shuffledSubarray(
            ids.map((_, i) => i),
            { minLength: ids.length, maxLength: ids.length },
          ),
        }),
      )
      .map(({ ids, parents, order }) => {
        const managerOf = new Map<number, number | null>(ids.map((id, i) => [id, parents[i] == null ? null : ids[parents[i]]!]));
        const people = order.map((i) => person(ids[i]!, managerOf.get(ids[i]!)!));
        return { people, managerOf };
      });

    /** Ancestor-or-self test by walking manager pointers, independent of paths. */
    const isAncestorOrSelf = (managerOf: Map<number, number | null>, ancestor: number, id: number) => {
      for (let current: number | null | undefined = id; current != null; current = managerOf.get(current)) {
        if (current === ancestor) return true;
      }
      return false;
    };

    it('ends every path with the person and extends the manager’s path', () => {
      fc.assert(
        fc.property(forestArb, ({ people }) => {
          const paths = computePaths(people);
          expect(paths.size).toBe(people.length);
          for (const { id, managerId } of people) {
            const path = paths.get(id)!;
            expect(path.endsWith(`/${id}/`)).toBe(true);
            expect(path).toBe(managerId === null ? `/${id}/` : `${paths.get(managerId)}${id}/`);
          }
        }),
      );
    });

    it('makes isInSubtree agree with ancestry computed independently', () => {
      fc.assert(
        fc.property(forestArb, ({ people, managerOf }) => {
          const paths = computePaths(people);
          for (const a of people) {
            for (const b of people) {
              expect(isInSubtree(paths.get(b.id)!, paths.get(a.id)!)).toBe(isAncestorOrSelf(managerOf, a.id, b.id));
            }
          }
        }),
        { numRuns: 60 },
      );
    });
  });
});

describe('isInSubtree', () => {
  it('includes the root itself and everyone below it', () => {
    expect(isInSubtree('/1/', '/1/')).toBe(true);
    expect(isInSubtree('/1/2/', '/1/')).toBe(true);
    expect(isInSubtree('/1/2/3/', '/1/2/')).toBe(true);
  });

  it('excludes managers, siblings and other trees', () => {
    expect(isInSubtree('/1/', '/1/2/')).toBe(false);
    expect(isInSubtree('/1/4/', '/1/2/')).toBe(false);
    expect(isInSubtree('/10/', '/1/')).toBe(false);
  });

  it('does not mistake an id that merely starts with the root’s id for a report', () => {
    expect(isInSubtree('/12/', '/1/')).toBe(false);
    expect(isInSubtree('/1/23/', '/1/2/')).toBe(false);
  });
});
