import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A tiny repository with fixed dates, built with the `git` command in a temporary folder:
 *
 *   c1  authored 2024-01-01 09:00                      <- v0.1 (lightweight, the first release)
 *   c2  authored 2024-01-02 10:00
 *   c3  authored 2024-01-03 08:00, committed 12:00     <- v0.2 (annotated, tagged 2024-01-03 14:00)
 *   c4  authored 2024-01-04 09:00:30, committed 10:00  <- v0.3 (lightweight: its committer date)
 *   c5  authored 2024-01-10 12:00                      <- v0.4 (annotated, tagged 11:00, before
 *                                                          the author date), nightly-1 (not a release)
 */
export function buildReleaseRepository(): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'highbar-git-'));
  const git = (args: string[], date?: { author: string; committer: string }) =>
    execFileSync('git', args, {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_AUTHOR_NAME: 'Dev',
        GIT_AUTHOR_EMAIL: 'dev@example.test',
        GIT_COMMITTER_NAME: 'Dev',
        GIT_COMMITTER_EMAIL: 'dev@example.test',
        ...(date ? { GIT_AUTHOR_DATE: date.author, GIT_COMMITTER_DATE: date.committer } : {}),
      },
    });
  const commit = (name: string, author: string, committer = author) => {
    fs.writeFileSync(path.join(dir, `${name}.txt`), name);
    git(['add', '.']);
    git(['commit', '-q', '-m', name], { author, committer });
  };
  const tagAnnotated = (tag: string, date: string) => git(['tag', '-a', tag, '-m', tag], { author: date, committer: date });

  git(['init', '-q', '-b', 'main']);
  commit('c1', '2024-01-01T09:00:00Z');
  git(['tag', 'v0.1']);
  commit('c2', '2024-01-02T10:00:00Z');
  commit('c3', '2024-01-03T08:00:00Z', '2024-01-03T12:00:00Z');
  tagAnnotated('v0.2', '2024-01-03T14:00:00Z');
  commit('c4', '2024-01-04T09:00:30Z', '2024-01-04T10:00:00Z');
  git(['tag', 'v0.3']);
  commit('c5', '2024-01-10T12:00:00Z');
  tagAnnotated('v0.4', '2024-01-10T11:00:00Z');
  git(['tag', 'nightly-1']);
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A bare clone of a repository, next to it. */
export function bareClone(dir: string): string {
  const bare = `${dir}-bare.git`;
  execFileSync('git', ['clone', '-q', '--bare', dir, bare], { stdio: 'ignore', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
  return bare;
}
