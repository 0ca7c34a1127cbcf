import type { GitRepository } from '../sources/git-repository.ts';
import type { DayRange } from './deployment-frequency.rules.ts';
import type { FourKeysFacts } from './four-keys.rules.ts';
import { changeLeadTime, globToRegExp, orderReleases, releasesToWalk } from './git-releases.rules.ts';

/**
 * The four keys' facts from a repository alone (CONTRACTS.md `highbar dora --git`): each tag
 * matching the glob is a production deployment at its date; a release deploys the commits
 * reachable from its tag and not from the previous release's tag. Without incident data the
 * change failure rate and recovery are unknown (null), not zero.
 */
export async function gitReleaseFacts(repo: GitRepository, options: { releaseTags: string; range: DayRange }): Promise<FourKeysFacts> {
  const pattern = globToRegExp(options.releaseTags);
  const releases = orderReleases((await repo.tags()).filter((r) => pattern.test(r.tag)));
  const leadTimes: number[] = [];
  for (const { release, previous } of releasesToWalk(releases, options.range)) {
    await repo.authorDatesBetween(release.commit, previous.commit, (authorDate) => {
      const minutes = changeLeadTime(release.date, authorDate);
      if (minutes !== null) leadTimes.push(minutes);
    });
  }
  return { deploymentFinishes: releases.map((r) => r.date), leadTimes, failures: null, recoveries: null };
}
