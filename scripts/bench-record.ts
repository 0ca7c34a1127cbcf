// What `npm run bench` records about a run besides the benchmark's own JSON: the machine and the
// commit, so a figure can be compared only with figures from a like machine and traced to code.
import { execFileSync } from 'node:child_process';
import os from 'node:os';

export type BenchOutput = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string };

/** A benchmark's stdout must be exactly one JSON object (progress goes to stderr). */
export function parseBenchOutput(stdout: string): BenchOutput {
  const text = stdout.trim();
  if (text === '') return { ok: false, reason: 'stdout was empty' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `stdout is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, reason: 'stdout is JSON but not an object' };
  return { ok: true, value: value as Record<string, unknown> };
}

/** The machine a figure was measured on. */
export function describeMachine() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cpus: cpus.length,
    availableParallelism: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
    node: process.version,
  };
}

/**
 * The commit the run measured; `dirty` is true when the working tree had changes, since the
 * figures then belong to no commit exactly.
 */
export function describeCommit(root: string): { sha: string | null; dirty: boolean | null } {
  const git = (args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    return { sha: git(['rev-parse', 'HEAD']), dirty: git(['status', '--porcelain', '--untracked-files=no']) !== '' };
  } catch {
    return { sha: null, dirty: null };
  }
}

export interface BenchRun {
  benchmark: string;
  options: string[];
  startedAt: Date;
  finishedAt: Date;
  root: string;
  result: Record<string, unknown>;
  machine?: ReturnType<typeof describeMachine>;
  commit?: ReturnType<typeof describeCommit>;
}

export function benchRecord(run: BenchRun) {
  return {
    benchmark: run.benchmark,
    options: run.options,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt.toISOString(),
    durationSeconds: Math.round((run.finishedAt.getTime() - run.startedAt.getTime()) / 100) / 10,
    commit: run.commit ?? describeCommit(run.root),
    machine: run.machine ?? describeMachine(),
    database: process.env.DATABASE_URL || process.env.TEST_DATABASE_URL ? 'postgresql server and embedded' : 'embedded',
    result: run.result,
  };
}
