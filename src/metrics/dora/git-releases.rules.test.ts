import { describe, expect, it } from 'vitest';
import { at } from '../../../test/dora-builders.ts';
import { changeLeadTime, globToRegExp, orderReleases, releasesToWalk, type Release } from './git-releases.rules.ts';

describe('globToRegExp', () => {
  it.each([
    ['v*', 'v1.2.3', true], ['v*', 'nightly-1', false], ['release/*', 'release/2024-01', true], ['v?.?', 'v1.2', true],
    ['v?.?', 'v1.20', false], ['v[0-9]*', 'v2', true], ['v[!0-9]*', 'v2', false], ['v1.0', 'v1x0', false], ['*', 'anything/at/all', true],
  ])('%s on %s: %s', (glob, tag, matches) => {
    expect(globToRegExp(glob).test(tag)).toBe(matches);
  });
});

const release = (tag: string, date: string): Release => ({ tag, commit: `sha-${tag}`, date: at(date) });

describe('releases', () => {
  it('are ordered by date, then tag name', () => {
    const ordered = orderReleases([release('b', '2024-01-02 10:00'), release('c', '2024-01-01 10:00'), release('a', '2024-01-02 10:00')]);
    expect(ordered.map((r) => r.tag)).toEqual(['c', 'a', 'b']);
  });

  it('in the range are walked against the release before them; the first release ever deploys nothing', () => {
    const ordered = [release('v1', '2024-01-01 10:00'), release('v2', '2024-01-05 10:00'), release('v3', '2024-02-01 10:00')];
    const walk = (from: string, to: string) =>
      releasesToWalk(ordered, { from: at(`${from} 00:00`), to: at(`${to} 00:00`) }).map(({ release: r, previous }) => `${previous.tag}..${r.tag}`);
    expect(walk('2024-01-01', '2024-01-31')).toEqual(['v1..v2']);
    expect(walk('2024-01-02', '2024-02-01')).toEqual(['v1..v2', 'v2..v3']);
  });

  it("a change's lead time is rounded up to whole minutes; a change authored after its release has none", () => {
    expect(changeLeadTime(at('2024-01-04 10:00'), at('2024-01-04T09:00:30Z'))).toBe(60);
    expect(changeLeadTime(at('2024-01-10 11:00'), at('2024-01-10 12:00'))).toBeNull();
  });
});
