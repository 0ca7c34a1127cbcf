/** What the database benchmarks share: the server they measure against, the machine, a served Highbar. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { serverDatabases } from './server-databases.ts';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const CLI = path.join(ROOT, 'bin/highbar.js');

/** Where a target's data lives: an embedded folder, or a database on the PostgreSQL server. */
export type Place = { target: 'pglite'; dataDir: string } | { target: 'postgres'; url: string };

/** The PostgreSQL server to measure, required when the postgres target is asked for. */
export function benchServerUrl(targets: readonly string[]): string | undefined {
  const url = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (targets.includes('postgres') && !url) {
    throw new Error('The postgres target needs DATABASE_URL or TEST_DATABASE_URL (scripts/bench.ts starts a server when neither is set).');
  }
  return url;
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));

/**
 * The machine and the databases' versions and durability settings: a figure means little without
 * them (fsync off would flatter every write).
 */
export async function describeBenchMachine(servers: ReturnType<typeof serverDatabases> | null) {
  const cpus = os.cpus();
  const pglite = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string };
  const server = servers
    ? await servers.withServer((c) => c.query<{ v: string; fsync: string; sync: string }>("select current_setting('server_version') as v, current_setting('fsync') as fsync, current_setting('synchronous_commit') as sync"))
    : null;
  const settings = server?.rows[0];
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    pglite: pglite.version,
    postgres: settings ? { version: settings.v, fsync: settings.fsync, synchronousCommit: settings.sync } : null,
    loadAverage: os.loadavg().map((l) => round(l, 2)),
  };
}

/** User and system CPU time a process has used, from /proc (Linux). */
export function processCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
}

export interface ServedHighbar {
  port: number;
  child: ChildProcess;
  logFile: string;
  /** Stops the server once (later calls do nothing) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * `highbar serve --port 0` as a user runs it, its log in a file so that logging costs what it
 * costs; `children` collects it so a failing benchmark can kill what it started.
 */
export async function startHighbar(options: { place: Place; logFile: string; logLevel: string; profileDir?: string; children: Set<ChildProcess> }): Promise<ServedHighbar> {
  const { place, logFile, children } = options;
  const fd = fs.openSync(logFile, 'w');
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: options.logLevel, NODE_ENV: 'development' };
  delete env.DATABASE_URL;
  if (place.target === 'postgres') env.DATABASE_URL = place.url;
  const profileArgs = options.profileDir ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(options.profileDir)] : [];
  const args = [...profileArgs, CLI, 'serve', '--port', '0', ...(place.target === 'pglite' ? ['--data', place.dataDir] : [])];
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 120_000;
  let port = 0;
  while (!port) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`highbar serve did not start:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    port = Number(/Highbar is running at http:\/\/[^:]+:(\d+)\//u.exec(fs.readFileSync(logFile, 'utf8'))?.[1] ?? 0);
  }
  let stopped = false;
  return {
    port,
    child,
    logFile,
    async stop(signal = 'SIGTERM') {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null) child.kill(signal);
      await exited;
      children.delete(child);
    },
  };
}
