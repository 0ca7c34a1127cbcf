import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Release } from '../dora/git-releases.rules.ts';

// Separators git prints around each commit's fields: they cannot occur in names or subjects.
const RECORD = '\u001e';
const FIELD = '\u001f';

/** One commit as `highbar ingest git` stores it. */
export interface GitCommit {
  sha: string;
  /** First parent first. */
  parents: string[];
  authorName: string;
  authorEmail: string;
  authoredAt: number;
  committerEmail: string;
  committedAt: number;
  subject: string;
  additions: number;
  deletions: number;
  filesChanged: number;
}

/** A problem reading the repository (not a repository, git missing, a git command failed). */
export class GitReadError extends Error {}

/**
 * Reads a local repository (bare or not) through the `git` command, streaming its output line
 * by line so a long history is never held in memory as text.
 */
export class GitRepository {
  private constructor(readonly dir: string) {}

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

  /** The commits every ref points at now (to exclude from the next, incremental, run). */
  async refTips(): Promise<string[]> {
    const tips = new Set<string>();
    // Commits only: a tag counts by the commit it points at.
    await this.lines(['for-each-ref', '--format=%(objecttype) %(objectname) %(*objecttype) %(*objectname)'], (line) => {
      const [type, object, peeledType, peeled] = line.split(' ');
      if (type === 'commit' && object) tips.add(object);
      else if (peeledType === 'commit' && peeled) tips.add(peeled);
    });
    return [...tips].sort();
  }

  /** Which of these objects the repository still has (a force-push and a gc can drop old tips). */
  async existing(shas: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    if (!shas.length) return found;
    await this.lines(['rev-list', '--no-walk', '--ignore-missing', ...shas, '--'], (line) => void found.add(line.trim()));
    return found;
  }

  /**
   * Every commit reachable from any ref and from none of `exclude`, parents before children
   * (`--topo-order --reverse`), with its line counts, streamed: the caller awaits its own work
   * between commits and git waits meanwhile.
   */
  async *commits(exclude: readonly string[] = []): AsyncGenerator<GitCommit> {
    const format = `${RECORD}%H${FIELD}%P${FIELD}%an${FIELD}%ae${FIELD}%at${FIELD}%ce${FIELD}%ct${FIELD}%s`;
    const args = ['log', '--all', '--topo-order', '--reverse', '--numstat', '--no-renames', `--format=${format}`, ...(exclude.length ? ['--not', ...exclude] : []), '--'];
    let current: GitCommit | null = null;
    for await (const line of this.iterate(args)) {
      if (line.startsWith(RECORD)) {
        if (current) yield current;
        const [sha, parents, authorName, authorEmail, authored, committerEmail, committed, subject] = line.slice(1).split(FIELD);
        current = {
          sha: sha!,
          parents: parents ? parents.split(' ') : [],
          authorName: authorName ?? '',
          authorEmail: authorEmail ?? '',
          authoredAt: Number(authored) * 1000,
          committerEmail: committerEmail ?? '',
          committedAt: Number(committed) * 1000,
          subject: subject ?? '',
          additions: 0,
          deletions: 0,
          filesChanged: 0,
        };
      } else if (current && line) {
        // numstat: "ADDED<TAB>DELETED<TAB>PATH"; a binary file shows "-" for both.
        const [added, deleted] = line.split('\t');
        current.filesChanged += 1;
        current.additions += Number(added) || 0;
        current.deletions += Number(deleted) || 0;
      }
    }
    if (current) yield current;
  }

  /** Runs git and yields its stdout lines as they come; throws on a non-zero exit. */
  private async *iterate(args: string[]): AsyncGenerator<string> {
    const child = spawn('git', ['-C', this.dir, ...args], { env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => void (stderr = (stderr + chunk).slice(-2000)));
    const closed = new Promise<number | null>((resolve, reject) => {
      child.on('error', (error) => reject(new GitReadError(`cannot run git: ${error.message}`)));
      child.on('close', resolve);
    });
    try {
      for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) yield line;
    } finally {
      if (child.exitCode === null) child.kill();
    }
    const code = await closed;
    if (code !== 0) throw new GitReadError(stderr.trim().split('\n')[0] || `git ${args[0]} exited with ${code}`);
  }

  private env(): NodeJS.ProcessEnv {
    // The ceiling keeps git from walking up into a repository that merely contains `dir`.
    return { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(this.dir), LC_ALL: 'C' };
  }

  /** Runs git in the repository, feeding each stdout line to `onLine`; rejects on a non-zero exit. */
  private lines(args: string[], onLine: (line: string) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn('git', ['-C', this.dir, ...args], { env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
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
