import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
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

  /**
   * The same commits as `commits()`, in batches of `size`. With `worker`, git's output is read and
   * parsed by a worker thread that keeps draining it while this thread is busy: PGlite runs its
   * statements on this thread, so reading here stalled git behind a full 64 KiB pipe during every
   * write and git and the database took turns instead of overlapping. At most `ahead` batches wait
   * unread; then the worker pauses git, so memory stays bounded however long the history. Without
   * it (a database server: this thread mostly waits on the network and drains the pipe meanwhile,
   * and a third busy thread only competes for the cores) batches are read here.
   */
  async *commitBatches(exclude: readonly string[] = [], size = 5000, options: { worker?: boolean; ahead?: number } = {}): AsyncGenerator<GitCommit[]> {
    if (!options.worker) {
      let batch: GitCommit[] = [];
      for await (const commit of this.commits(exclude)) {
        batch.push(commit);
        if (batch.length >= size) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
      return;
    }
    const ahead = options.ahead ?? 4;
    const format = `${RECORD}%H${FIELD}%P${FIELD}%an${FIELD}%ae${FIELD}%at${FIELD}%ce${FIELD}%ct${FIELD}%s`;
    const args = ['-C', this.dir, 'log', '--all', '--topo-order', '--reverse', '--numstat', '--no-renames', `--format=${format}`, ...(exclude.length ? ['--not', ...exclude] : []), '--'];
    const worker = new Worker(GIT_LOG_WORKER, { eval: true, workerData: { args, env: this.env(), size, ahead, record: RECORD, field: FIELD } });
    const inbox: GitLogMessage[] = [];
    let wake: (() => void) | null = null;
    const deliver = (message: GitLogMessage) => {
      inbox.push(message);
      wake?.();
    };
    worker.on('message', deliver);
    worker.on('error', (error) => deliver({ type: 'error', message: error.message }));
    // Only reached before the end when the worker died: its end message would come first.
    worker.on('exit', () => deliver({ type: 'error', message: 'the git log reader stopped unexpectedly' }));
    try {
      for (;;) {
        while (!inbox.length) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        const message = inbox.shift()!;
        if (message.type === 'batch') {
          worker.postMessage('took');
          yield message.commits;
        } else if (message.type === 'error') throw new GitReadError(message.message);
        else {
          if (message.code !== 0) throw new GitReadError(message.stderr.trim().split('\n')[0] || `git log exited with ${message.code}`);
          return;
        }
      }
    } finally {
      await worker.terminate();
    }
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

type GitLogMessage = { type: 'batch'; commits: GitCommit[] } | { type: 'error'; message: string } | { type: 'end'; code: number | null; stderr: string };

/**
 * The worker of `commitBatches`, plain CommonJS evaluated from this string so it runs without a
 * TypeScript loader: spawns `git log`, parses records as `commits()` does (splitting on newlines
 * only, so a stray carriage return in a subject stays in it), posts batches and pauses git while
 * `ahead` of them are unread.
 */
const GIT_LOG_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { spawn } = require('node:child_process');
const { args, env, size, ahead, record, field } = workerData;
const child = spawn('git', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
let stderr = '';
let failed = false;
let unread = 0;
let batch = [];
let current = null;
let rest = '';
child.stderr.setEncoding('utf8');
child.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-2000); });
child.stdout.setEncoding('utf8');
parentPort.on('message', () => {
  unread--;
  if (unread < ahead && child.stdout.isPaused()) child.stdout.resume();
});
const post = () => {
  if (!batch.length) return;
  parentPort.postMessage({ type: 'batch', commits: batch });
  batch = [];
  if (++unread >= ahead) child.stdout.pause();
};
const finish = () => {
  if (!current) return;
  batch.push(current);
  current = null;
  if (batch.length >= size) post();
};
const line = (text) => {
  if (text.startsWith(record)) {
    finish();
    const [sha, parents, authorName, authorEmail, authored, committerEmail, committed, subject] = text.slice(1).split(field);
    current = {
      sha, parents: parents ? parents.split(' ') : [], authorName: authorName ?? '', authorEmail: authorEmail ?? '', authoredAt: Number(authored) * 1000,
      committerEmail: committerEmail ?? '', committedAt: Number(committed) * 1000, subject: subject ?? '', additions: 0, deletions: 0, filesChanged: 0,
    };
  } else if (current && text) {
    const tab = text.indexOf('\\t');
    current.filesChanged += 1;
    current.additions += Number(text.slice(0, tab)) || 0;
    current.deletions += Number(text.slice(tab + 1, text.indexOf('\\t', tab + 1))) || 0;
  }
};
child.stdout.on('data', (chunk) => {
  const lines = (rest + chunk).split('\\n');
  rest = lines.pop();
  for (const text of lines) line(text);
});
child.on('error', (error) => {
  failed = true;
  parentPort.postMessage({ type: 'error', message: 'cannot run git: ' + error.message });
});
child.on('close', (code) => {
  if (failed) return;
  if (rest) line(rest);
  finish();
  post();
  parentPort.postMessage({ type: 'end', code, stderr });
});
`;
