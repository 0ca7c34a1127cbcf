import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { ensureRepositories, ensureServices, linkServiceRepositories, servicesOfRepositories } from './catalog.repository.ts';
import { recomputeServiceMetrics } from './derive.service.ts';
import { globToRegExp, orderReleases } from './dora/git-releases.rules.ts';
import { upsertDeployments, writeCommits } from './events.repository.ts';
import { ORG_ID } from './partitions.repository.ts';
import { GitReadError, GitRepository } from './sources/git-repository.ts';
import { normalizeRepositoryKey } from './sources/repository-key.rules.ts';
import { SourceError } from './sources/source-problems.ts';

// Commits written per statement group: large enough to amortise round trips, small enough
// that memory stays flat however long the history.
const BATCH = 5000;

export interface GitIngestSummary {
  repository: string;
  service: string;
  commits: number;
  releases: number;
}

/**
 * `highbar ingest git PATH --service NAME [--release-tags GLOB]`: a local repository's commits
 * (parents, authors, dates, line counts), streamed from `git log` in batches, in one
 * transaction. A re-run reads only the commits no ref reached at the last run. With a release
 * glob, each matching tag is a production deployment of the service at the tag's date (tagger
 * date of an annotated tag, committer date of a lightweight one), as `highbar dora --git` reads them.
 * `embedded`: the database is PGlite, running on this thread (git is then read by a worker).
 */
export async function ingestGitRepository(
  db: Kysely<DB>,
  options: { dir: string; service: string; releaseTags?: string | null; repository?: string | null; embedded?: boolean },
): Promise<GitIngestSummary> {
  let git: GitRepository;
  try {
    git = await GitRepository.open(options.dir);
  } catch (error) {
    if (error instanceof GitReadError) throw new SourceError([error.message]);
    throw error;
  }
  const key = options.repository ? normalizeRepositoryKey(options.repository) : path.resolve(options.dir);
  try {
    return await db.transaction().execute(async (trx) => {
      const serviceId = (await ensureServices(trx, [options.service])).get(options.service)!;
      const repositoryId = (await ensureRepositories(trx, [key])).get(key)!;
      await linkServiceRepositories(trx, [{ serviceId, repositoryId }]);
      const stored = await trx.selectFrom('repositories').select('git_tips').where('id', '=', repositoryId).executeTakeFirstOrThrow();
      // Tips that a force-push and a gc removed can no longer bound the walk: leave them out.
      const exclude = [...(await git.existing(stored.git_tips))];
      const tips = await git.refTips();

      // Git keeps going while a batch is written (one write in flight); on the embedded database,
      // which writes on this thread, a worker thread reads and parses git's output (commitBatches).
      let commits = 0;
      let writing: Promise<void> = Promise.resolve();
      // Generations of this run's commits, so later batches need not look their parents up.
      const generations = new Map<string, number>();
      try {
        for await (const batch of git.commitBatches(exclude, BATCH, { worker: options.embedded === true })) {
          await writing;
          writing = writeCommits(trx, repositoryId, batch, generations).then((n) => void (commits += n));
        }
      } finally {
        // Never leave a write running on the transaction, even when git failed.
        await writing.catch(() => undefined);
      }
      await writing;
      await trx.updateTable('repositories').set({ git_tips: tips }).where('id', '=', repositoryId).execute();

      let releases = 0;
      if (options.releaseTags) {
        const pattern = globToRegExp(options.releaseTags);
        const tags = orderReleases((await git.tags()).filter((t) => pattern.test(t.tag)));
        releases = tags.length;
        await upsertDeployments(
          trx,
          tags.map((t) => ({
            source: 'git-tag', externalId: `${key}@${t.tag}`, service: options.service, serviceId, name: t.tag, environment: 'PRODUCTION', result: 'SUCCESS',
            createdAt: t.date, startedAt: t.date, finishedAt: t.date, commits: [{ repositoryId, commitSha: t.commit }],
          })),
        );
      }
      for (const id of await servicesOfRepositories(trx, [repositoryId])) await recomputeServiceMetrics(trx, id);
      return { repository: key, service: options.service, commits, releases };
    });
  } catch (error) {
    if (error instanceof GitReadError) throw new SourceError([`${options.dir}: ${error.message}`]);
    throw error;
  }
}

/** How many commits a repository holds (for summaries and tests). */
export async function countRepositoryCommits(db: Kysely<DB>, key: string): Promise<number> {
  const row = await db
    .selectFrom('commit_graph as g')
    .innerJoin('repositories as r', 'r.id', 'g.repository_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('g.org_id', '=', ORG_ID)
    .where('r.key', '=', key)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
