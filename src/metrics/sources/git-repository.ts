import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Release } from '../dora/git-releases.rules.ts';

/** A problem reading the repository (not a repository, git missing, a git command failed). */
export class GitReadError extends Error {}

/**
 * Reads a local repository (bare or not) through the `git` command, streaming its output line
 * by line so a long history is never held in memory as text.
 */
export class GitRepository {
  private constructor(private readonly dir: string) {}

  /** Opens `dir` as a repository of its own; a folder inside another repository is refused. */
  static async open(dir: string): Promise<GitRepository> {
    const repo = new GitRepository(path.resolve(dir));
    try {
      await repo.lines(['rev-parse', '--git-dir'], () => {});
    } catch (error) {
      throw new GitReadError(`${dir}: not a git repository (${(error as Error).message})`);
    }
    return repo;
  }

  /** Every tag pointing (through annotated tags) at a commit, with its deployment date. */
  async tags(): Promise<Release[]> {
    const releases: Release[] = [];
    const unpeeled: { tag: string; date: number }[] = [];
    const format = ['refname:strip=2', 'objecttype', 'objectname', 'taggerdate:unix', 'committerdate:unix', '*objecttype', '*objectname', '*committerdate:unix']
      .map((f) => `%(${f})`)
      .join('%00');
    await this.lines(['for-each-ref', `--format=${format}`, 'refs/tags'], (line) => {
      const [tag, type, object, taggerDate, committerDate, peeledType, peeled, peeledCommitterDate] = line.split('\u0000');
      if (!tag) return;
      if (type === 'commit') releases.push({ tag, commit: object!, date: Number(committerDate) * 1000 });
      else if (type === 'tag') {
        // An annotated tag deploys at its tagger date (the peeled commit's date if it has none).
        const date = Number(taggerDate || peeledCommitterDate) * 1000;
        if (peeledType === 'commit') releases.push({ tag, commit: peeled!, date });
        else unpeeled.push({ tag, date });
      }
    });
    // A tag of a tag: ask git for the commit at the end of the chain.
    for (const { tag, date } of unpeeled) {
      let commit = '';
      try {
        await this.lines(['rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`], (line) => void (commit ||= line.trim()));
      } catch {
        continue; // a tag of a tree or blob deploys no commit
      }
      if (commit) releases.push({ tag, commit, date });
    }
    return releases;
  }

  /** Calls `onCommit` with the author date (epoch ms) of each commit reachable from `tip` and not from `exclude`. */
  async authorDatesBetween(tip: string, exclude: string, onCommit: (authorDate: number, sha: string) => void): Promise<void> {
    await this.lines(['log', '--format=%H %at', tip, `^${exclude}`, '--'], (line) => {
      const [sha, seconds] = line.split(' ');
      if (sha && seconds) onCommit(Number(seconds) * 1000, sha);
    });
  }

  /** Runs git in the repository, feeding each stdout line to `onLine`; rejects on a non-zero exit. */
  private lines(args: string[], onLine: (line: string) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      // The ceiling keeps git from walking up into a repository that merely contains `dir`.
      const env = { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(this.dir), LC_ALL: 'C' };
      const child = spawn('git', ['-C', this.dir, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => void (stderr = (stderr + chunk).slice(-2000)));
      const reader = createInterface({ input: child.stdout, crlfDelay: Infinity });
      reader.on('line', onLine);
      child.on('error', (error) => reject(new GitReadError(`cannot run git: ${error.message}`)));
      child.on('close', (code) => {
        if (code === 0) resolve();
        else reject(new GitReadError(stderr.trim().split('\n')[0] || `git ${args[0]} exited with ${code}`));
      });
    });
  }
}
