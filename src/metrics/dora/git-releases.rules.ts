import { spanMinutes } from './change-lead-time.rules.ts';
import { inDayRange, type DayRange } from './deployment-frequency.rules.ts';

/** A tag taken as a production deployment. */
export interface Release {
  tag: string;
  /** The commit the tag points at. */
  commit: string;
  /** Tagger date of an annotated tag, committer date of a lightweight one (epoch ms). */
  date: number;
}

/**
 * A shell-style glob over the tag name: `*` any run of characters (slashes included, so
 * `release/*` and `v*` both work), `?` one character, `[abc]`/`[a-z]`/`[!x]` a class.
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end === -1) source += '\\[';
      else {
        let body = glob.slice(i + 1, end);
        const negated = body.startsWith('!') || body.startsWith('^');
        if (negated) body = body.slice(1);
        source += `[${negated ? '^' : ''}${body.replace(/[\\\]]/gu, '\\$&')}]`;
        i = end;
      }
    } else source += c.replace(/[.+^${}()|\\/]/gu, '\\$&');
  }
  return new RegExp(`^${source}$`, 'u');
}

/** Releases in deployment order: by date, then tag name so equal dates keep one order. */
export function orderReleases(releases: readonly Release[]): Release[] {
  return [...releases].sort((a, b) => a.date - b.date || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
}

/**
 * The releases whose changes count: those dated in the range, each with the release before it.
 * The first release of the repository has no predecessor and deploys no changes (its history
 * is everything ever written, which would swamp lead time: the backfill guard).
 */
export function releasesToWalk(ordered: readonly Release[], range: DayRange): { release: Release; previous: Release }[] {
  const out: { release: Release; previous: Release }[] = [];
  ordered.forEach((release, i) => {
    if (i > 0 && inDayRange(range, release.date)) out.push({ release, previous: ordered[i - 1]! });
  });
  return out;
}

/** A change's lead time: release date minus author date, whole minutes rounded up; negative is none. */
export function changeLeadTime(releaseDate: number, authorDate: number): number | null {
  return spanMinutes(authorDate, releaseDate);
}
