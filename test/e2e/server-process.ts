import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';

export interface RunningServer {
  url: string;
  demoPassword: string;
  /** Demo sign-ins by role, as `highbar serve --demo` prints them. */
  accounts: Record<string, string>;
  /** Stops the server gracefully (SIGTERM) and removes a data folder this call created. */
  stop(): Promise<void>;
  /** Kills the server with SIGKILL, as a crash would, leaving its data in place. */
  kill(): Promise<void>;
}

export interface ServerOptions {
  /** An embedded data folder to use (kept afterwards); a fresh temporary one otherwise. */
  dataDir?: string;
  /** A PostgreSQL server to use instead of the embedded database. */
  databaseUrl?: string;
  /** Extra environment, e.g. HIGHBAR_STEP_UP_WINDOW_SECONDS for a step-up window short enough to wait out. */
  env?: Record<string, string>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Starts `highbar serve --demo` as a real process on a fresh embedded data folder and a free
 * port, exactly as the README's first command does (after its web build).
 */
export async function startDemoServer(options: ServerOptions = {}): Promise<RunningServer> {
  if (!fs.existsSync(path.join(ROOT, 'web/dist/index.html'))) {
    throw new Error('web/dist is missing: build the web app first (npm test does: npm run build:web)');
  }
  const ownsDataDir = options.dataDir === undefined && options.databaseUrl === undefined;
  const dataDir = options.databaseUrl ? null : (options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'highbar-e2e-')));
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'development', ...options.env };
  delete env.DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  const child: ChildProcess = spawn(process.execPath, ['bin/highbar.js', 'serve', '--demo', ...(dataDir ? ['--data', dataDir] : []), '--port', '0'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output}`)), 120_000);
    const check = () => {
      if (/Demo sign-ins[\s\S]*employee\s+\S+@/u.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });

  const url = /running at (http:\/\/\S+?)\/? on/u.exec(output)?.[1];
  const demoPassword = /password for all: (\S+)\)/u.exec(output)?.[1];
  if (!url || !demoPassword) throw new Error(`could not read the URL and demo password from:\n${output}`);
  const accounts = Object.fromEntries([...output.matchAll(/^ {2}(\S+)\s+(\S+@\S+)$/gmu)].map((m) => [m[1]!, m[2]!]));
  return {
    url,
    demoPassword,
    accounts,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
      if (ownsDataDir && dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
    async kill() {
      child.kill('SIGKILL');
      await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)));
    },
  };
}
